/**
 * How the dashboard's figures are rendered: the tables for services, counters and clerks,
 * the breach list and the satisfaction shares. Plain template functions over the data the
 * server sends (CenterDashboard in shared/src/api/dashboard.ts), so the element stays small.
 */
import { html } from 'lit';
import type { CenterDashboard } from '../../../shared/src/api/dashboard.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type ManagerKey, managerText, minutes } from '../../../shared/src/i18n/manager.js';
import { pauseReasonText } from '../../../shared/src/i18n/messages.js';

type T = (key: ManagerKey, params?: Record<string, string | number>) => string;
export const textFor =
  (locale: Locale): T =>
  (key, params) =>
    managerText(locale, key, params);

export function servicesTable(d: CenterDashboard, locale: Locale, t: T) {
  return html`<table class="stack">
    <caption>${t('dashboard.services')}</caption>
    <thead><tr>
      <th scope="col">${t('col.service')}</th><th scope="col">${t('col.waiting')}</th><th scope="col">${t('col.longest')}</th>
      <th scope="col">${t('col.avgHour')}</th><th scope="col">${t('col.served')}</th><th scope="col">${t('col.sla')}</th>
      <th scope="col">${t('col.status')}</th></tr></thead>
    <tbody>${d.services.map(
      (s) => html`<tr class=${s.breached ? 'breached' : ''} data-service=${s.code}>
        <th scope="row">${s.code} · ${locale === 'vi' ? s.name : s.nameEn}</th>
        <td data-figure="waiting" data-label=${t('col.waiting')}>${s.waiting}</td>
        <td data-label=${t('col.longest')}>${minutes(locale, s.longestWaitSeconds)}</td>
        <td data-label=${t('col.avgHour')}>${minutes(locale, s.averageWaitLastHourSeconds)}</td>
        <td data-figure="served" data-label=${t('col.served')}>${s.servedToday}</td>
        <td data-label=${t('col.sla')}>${minutes(locale, s.slaMinutes * 60)}</td>
        <td data-label=${t('col.status')}>${s.breached ? html`<strong>${t('status.breached')}</strong>` : t('status.ok')}</td></tr>`,
    )}</tbody></table>`;
}

function counterState(c: CenterDashboard['counters'][number], t: T, locale: Locale): string {
  if (c.ticket)
    return t(c.ticket.status === 'called' ? 'state.calling' : 'state.serving', { number: c.ticket.number });
  if (c.state === 'paused')
    return t('state.paused', { reason: pauseReasonText(locale, c.pauseReason, c.pauseNote) });
  return t(c.state === 'open' ? 'state.open' : 'state.closed');
}

export function countersTable(d: CenterDashboard, locale: Locale, t: T) {
  return html`<table>
    <caption>${t('dashboard.counters')}</caption>
    <thead><tr><th scope="col">${t('col.counter')}</th><th scope="col">${t('col.state')}</th>
      <th scope="col">${t('col.clerk')}</th><th scope="col">${t('col.atCounter')}</th></tr></thead>
    <tbody>${d.counters.map(
      (
        c,
      ) => html`<tr data-counter=${c.number}><th scope="row">${c.number}</th><td>${counterState(c, t, locale)}</td>
        <td>${c.clerk ?? '—'}</td><td>${minutes(locale, c.secondsAtCounter)}</td></tr>`,
    )}</tbody></table>`;
}

export function clerksTable(d: CenterDashboard, locale: Locale, t: T) {
  return html`<table class="stack">
    <caption>${t('dashboard.clerks')}</caption>
    <thead><tr><th scope="col">${t('col.clerk')}</th><th scope="col">${t('col.served')}</th>
      <th scope="col">${t('col.avgService')}</th><th scope="col">${t('col.noShows')}</th><th scope="col">${t('col.pause')}</th></tr></thead>
    <tbody>${d.clerks.map(
      (c) => html`<tr><th scope="row">${c.username}</th><td data-label=${t('col.served')}>${c.served}</td>
        <td data-label=${t('col.avgService')}>${minutes(locale, c.averageServiceSeconds)}</td>
        <td data-label=${t('col.noShows')}>${c.noShows}</td><td data-label=${t('col.pause')}>${minutes(locale, c.pauseSeconds)}</td></tr>`,
    )}</tbody></table>`;
}

/**
 * Raised while someone waits for a service that no open counter serves (issue 11 item 3): they
 * would wait for nothing, and the screens in the hall tell them so. Gone once a counter opens.
 */
export function unservedAlert(d: CenterDashboard, locale: Locale, t: T) {
  const unserved = d.services.filter((s) => s.unserved);
  if (unserved.length === 0) return null;
  return html`<section class="wide alert" role="alert" aria-labelledby="unserved">
    <h2 id="unserved">${t('dashboard.unserved')}</h2>
    <ul>${unserved.map(
      (
        s,
      ) => html`<li data-unserved=${s.code}><strong>${s.code} · ${locale === 'vi' ? s.name : s.nameEn}</strong>:
        ${t('dashboard.unservedItem', { waiting: s.waiting, longest: minutes(locale, s.longestWaitSeconds) })}</li>`,
    )}</ul></section>`;
}

export function breachList(
  alerts: CenterDashboard['breaches'],
  services: CenterDashboard['services'],
  locale: Locale,
  t: T,
) {
  const code = (id: number) => services.find((s) => s.id === id)?.code ?? '';
  return html`<section aria-labelledby="breaches"><h2 id="breaches">${t('dashboard.breaches')}</h2>
    ${
      alerts.length === 0
        ? html`<p>${t('dashboard.noBreaches')}</p>`
        : html`<div role="log" aria-live="polite"><ul>${alerts.map(
            (
              b,
            ) => html`<li>${b.number} (${code(b.serviceId)}) · ${t('col.waited')} ${minutes(locale, b.waitedSeconds)} /
              ${t('col.sla')} ${minutes(locale, b.slaMinutes * 60)}</li>`,
          )}</ul></div>`
    }</section>`;
}

export function satisfactionPanel(d: CenterDashboard, t: T) {
  const levels = [4, 3, 2, 1] as const;
  const total = levels.reduce((sum, l) => sum + (d.satisfaction[l] ?? 0), 0);
  return html`<section aria-labelledby="satisfaction"><h2 id="satisfaction">${t('dashboard.satisfaction')}</h2>
    ${
      total === 0
        ? html`<p>${t('dashboard.noRatings')}</p>`
        : html`<dl>${levels.map(
            (l) => html`<dt>${t(`rating.${l}` as ManagerKey)}</dt>
              <dd data-rating=${l}>${Math.round(((d.satisfaction[l] ?? 0) * 100) / total)}% (${d.satisfaction[l] ?? 0})</dd>`,
          )}</dl>`
    }</section>`;
}
