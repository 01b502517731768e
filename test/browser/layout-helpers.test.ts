/**
 * The layout checks themselves (test/helpers/layout.ts), on small pages written for each rule:
 * what `overflowing` names and what it leaves to the other lists or lets pass. The guard and
 * the board tests trust these rules on real screens; here each is seen to fire and to hold.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuitesRun, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { textProblems } from '../helpers/layout.js';

const BADGE = 'display: grid; place-items: center; width: 40px; height: 40px; border-radius: 50%;';

describe.runIf(browserSuitesRun())('textProblems', () => {
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 800, height: 600 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const problemsOf = async (body: string) => {
    await page.setContent(`<body style="margin: 20px; font: 30px sans-serif">${body}</body>`);
    return textProblems(page);
  };

  it('names a code wider than its round badge, which does not clip', async () => {
    const problems = await problemsOf(`<span class="code" style="${BADGE}">BHX</span>`);
    expect(problems.overflowing).toEqual(['"BHX" past <span class="code">']);
    expect(problems.clipped).toEqual([]);
  });

  it('names the badge when the text sits in an inline element inside it', async () => {
    const badge = 'display: inline-block; width: 40px; height: 40px; line-height: 40px; text-align: center';
    const problems = await problemsOf(`<div class="code" style="${badge}"><b>BHX</b></div>`);
    expect(problems.overflowing).toEqual(['"BHX" past <div class="code">']);
  });

  it('passes a code that fits, a badge that grows into a pill, and an inline span of any length', async () => {
    const problems = await problemsOf(`
      <span style="${BADGE}">A</span>
      <span style="${BADGE} width: auto; min-width: 40px; padding-inline: 8px; border-radius: 20px">BHX</span>
      <p>Text <span>in a plain inline span that wraps over several lines of the paragraph</span>.</p>`);
    expect(problems).toEqual({ overlapping: [], outside: [], clipped: [], overflowing: [] });
  });

  it('passes type set tighter than its font (line-height 1) in a box just one line tall', async () => {
    const problems = await problemsOf('<div style="line-height: 1; height: 30px">A001</div>');
    expect(problems.overflowing).toEqual([]);
  });

  it('names text taller than the box it is held in', async () => {
    const problems = await problemsOf('<div style="width: 120px; height: 40px">Đăng ký kinh doanh</div>');
    expect(problems.overflowing).toEqual(['"Đăng ký kinh doanh" past <div class="">']);
  });

  it('leaves a box that clips to the clipped list', async () => {
    const problems = await problemsOf(`<span class="code" style="${BADGE} overflow: hidden">BHX</span>`);
    expect(problems.overflowing).toEqual([]);
    expect(problems.clipped).toEqual(['"BHX" by <span class="code">']);
  });
});
