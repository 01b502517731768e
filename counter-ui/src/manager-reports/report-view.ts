/**
 * How a report is rendered: the figures tables (total, per service, per clerk) and the
 * arrival curve as plain CSS bars. Template functions over the JSON of
 * GET /api/centers/:id/reports (server/src/reports/center-report.ts), so the element stays small.
 */
import { html } from 'lit';
import type { CenterReport, Figures } from '../../../shared/src/api/reports.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type ReportsKey, reportsText } from '../../../shared/src/i18n/reports.js';
import { formatDay } from '../../../shared/src/report-ranges.js';

export type T = (key: ReportsKey, params?: Record<string, string | number>) => string;
export const textFor =
  (locale: Locale): T =>
  (key, params) =>
    reportsText(locale, key, params);

/** Seconds as minutes with one decimal, in the reader's number format. */
function min(locale: Locale, seconds: number | null): string {
  if (seconds === null) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(seconds / 60);
}

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/** A row's figures; each cell carries its column's name for the phone's cards (stacked-tables.ts). */
function cells(f: Figures, locale: Locale, t: T) {
  return html`<td data-figure="issued" data-label=${t('col.issued')}>${f.issued}</td>
    <td data-figure="served" data-label=${t('col.served')}>${f.served}</td>
    <td data-figure="noShow" data-label=${t('col.noShow')}>${f.noShow}</td>
    <td data-figure="cancelled" data-label=${t('col.cancelled')}>${f.cancelled}</td>
    <td data-figure="transferred" data-label=${t('col.transferred')}>${f.transferred}</td>
    <td data-figure="wait" data-label=${t('col.wait')}>${min(locale, f.waitMean)} / ${min(locale, f.waitMedian)} / ${min(locale, f.waitP90)}</td>
    <td data-figure="service" data-label=${t('col.service.time')}>${min(locale, f.serviceMean)} / ${min(locale, f.serviceMedian)} / ${min(locale, f.serviceP90)}</td>
    <td data-figure="sla" data-label=${t('col.sla')}>${percent(f.withinSla)}</td>
    <td data-figure="ratings" data-label=${t('col.ratings')}>${f.ratings['4']} · ${f.ratings['3']} · ${f.ratings['2']} · ${f.ratings['1']}</td>`;
}

function head(first: ReportsKey, t: T) {
  return html`<thead><tr>
    <th scope="col">${t(first)}</th><th scope="col">${t('col.issued')}</th><th scope="col">${t('col.served')}</th>
    <th scope="col">${t('col.noShow')}</th><th scope="col">${t('col.cancelled')}</th>
    <th scope="col">${t('col.transferred')}</th><th scope="col">${t('col.wait')}</th>
    <th scope="col">${t('col.service.time')}</th><th scope="col">${t('col.sla')}</th>
    <th scope="col" title=${t('col.ratingsHint')}>${t('col.ratings')}</th>
  </tr></thead>`;
}

export function figuresTables(r: CenterReport, locale: Locale, t: T) {
  return html`<table class="stack" data-table="total">
      <caption>${t('reports.total')}</caption>
      ${head('col.name', t)}
      <tbody><tr data-row="total"><th scope="row">${t('reports.range', { from: formatDay(locale, r.from), to: formatDay(locale, r.to) })}</th>${cells(r.total, locale, t)}</tr></tbody>
    </table>
    <table class="stack" data-table="services">
      <caption>${t('reports.services')}</caption>
      ${head('col.service', t)}
      <tbody>${r.services.map(
        (s) =>
          html`<tr data-service=${s.code}><th scope="row">${s.code} · ${s.name}</th>${cells(s, locale, t)}</tr>`,
      )}</tbody>
    </table>
    <table class="stack" data-table="clerks">
      <caption>${t('reports.clerks')}</caption>
      ${head('col.clerk', t)}
      <tbody>${r.clerks.map(
        (c) =>
          html`<tr data-clerk=${c.username}><th scope="row">${c.username}</th>${cells(c, locale, t)}</tr>`,
      )}</tbody>
    </table>`;
}

/** The office day the arrival curve always spans, so one busy hour is one bar, not the whole card. */
const OFFICE_HOURS = { first: 7, last: 17 };

/** The arrival curve: one bar per hour of the office day, widened to any hour that had arrivals. */
export function arrivalsChart(r: CenterReport, t: T) {
  const busy = r.arrivals.filter((a) => a.issued > 0);
  if (busy.length === 0) return html`<p>${t('reports.arrivalsEmpty')}</p>`;
  const first = Math.min(OFFICE_HOURS.first, busy[0]!.hour);
  const last = Math.max(OFFICE_HOURS.last, busy.at(-1)!.hour);
  const byHour = new Map(r.arrivals.map((a) => [a.hour, a.issued]));
  const hours = Array.from({ length: last - first + 1 }, (_, i) => ({
    hour: first + i,
    issued: byHour.get(first + i) ?? 0,
  }));
  const top = Math.max(...hours.map((a) => a.issued));
  return html`<ol class="bars">${hours.map(
    (a) => html`<li data-hour=${a.hour} aria-label=${t('reports.arrivalsAt', { hour: a.hour, n: a.issued })}>
      <span class="n">${a.issued || ''}</span>
      <span class="track"><span class="bar" style="--share: ${(a.issued / top) * 100}%"></span></span>
      <span class="h">${t('reports.hour', { hour: a.hour })}</span>
    </li>`,
  )}</ol>`;
}
