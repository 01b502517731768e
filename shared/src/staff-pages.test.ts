import { describe, expect, it } from 'vitest';
import { WEB_PAGES } from './pages.js';
import { STAFF_PAGES, staffPageHref, staffPagesFor } from './staff-pages.js';

describe('staff pages by role', () => {
  it('gives each role exactly its pages, in bar order', () => {
    expect(staffPagesFor('clerk').map((p) => p.key)).toEqual(['counter']);
    expect(staffPagesFor('manager').map((p) => p.key)).toEqual(['counter', 'dashboard', 'reports', 'config']);
    expect(staffPagesFor('admin').map((p) => p.key)).toEqual([
      'counter',
      'dashboard',
      'reports',
      'config',
      'province',
    ]);
    expect(staffPagesFor('visitor')).toEqual([]);
  });

  it('links only to built pages, keeping the center on per-center ones', () => {
    for (const page of STAFF_PAGES) expect(WEB_PAGES.map((p) => p.url)).toContain(page.url);
    const [counter, dashboard] = STAFF_PAGES;
    expect(staffPageHref(dashboard, 4)).toBe('/manager/?center=4');
    expect(staffPageHref(dashboard, null)).toBe('/manager/');
    expect(staffPageHref(counter, 4)).toBe('/counter/');
  });
});
