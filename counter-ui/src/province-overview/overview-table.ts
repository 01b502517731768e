/**
 * The province table: one row per center, each column sortable by clicking its heading
 * (aria-sort tells which and how), each center linking to its own live dashboard.
 */
import { html } from 'lit';
import type { CenterOverview } from '../../../shared/src/api/province.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type ProvinceKey, provinceText } from '../../../shared/src/i18n/province.js';

export const SORT_COLUMNS = ['name', 'waiting', 'longest', 'open', 'served', 'satisfaction'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export interface Sort {
  column: SortColumn;
  direction: 'ascending' | 'descending';
}

const HEADINGS: Record<SortColumn, ProvinceKey> = {
  name: 'col.center',
  waiting: 'col.waiting',
  longest: 'col.longest',
  open: 'col.openCounters',
  served: 'col.served',
  satisfaction: 'col.satisfaction',
};

const keyOf: Record<SortColumn, (c: CenterOverview) => number | string> = {
  name: (c) => c.name,
  waiting: (c) => c.waiting,
  longest: (c) => c.longestWaitSeconds,
  open: (c) => c.openCounters,
  served: (c) => c.servedToday,
  // Centers without ratings sort below any share.
  satisfaction: (c) => c.satisfiedShare ?? -1,
};

export function sortCenters(centers: readonly CenterOverview[], sort: Sort): CenterOverview[] {
  const key = keyOf[sort.column];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...centers].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const order =
      typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y, 'vi') : Number(x) - Number(y);
    return order * sign || a.id - b.id;
  });
}

/** Clicking the sorted column flips it; another column starts with its most telling end. */
export function nextSort(current: Sort, column: SortColumn): Sort {
  if (current.column === column) {
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { column, direction: column === 'name' ? 'ascending' : 'descending' };
}

export function overviewTable(
  centers: readonly CenterOverview[],
  sort: Sort,
  locale: Locale,
  onSort: (column: SortColumn) => void,
) {
  const t = (key: ProvinceKey, params?: Record<string, string | number>) => provinceText(locale, key, params);
  const minutes = (s: number) => t('minutes', { m: Math.round(s / 60) });
  const heading = (column: SortColumn) => {
    const sorted = sort.column === column;
    return html`<th scope="col" aria-sort=${sorted ? sort.direction : 'none'} data-column=${column}>
      <button type="button" @click=${() => onSort(column)}>${t(HEADINGS[column])}<span aria-hidden="true"
        >${sorted ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span></button>
    </th>`;
  };
  return html`<table>
    <caption>${t('caption')} <small>${t('sortHint')}</small></caption>
    <thead><tr>${SORT_COLUMNS.map(heading)}</tr></thead>
    <tbody>${sortCenters(centers, sort).map(
      (c) => html`<tr data-center=${c.id}>
        <th scope="row"><a href=${`/manager/?center=${c.id}`}>${c.name}</a></th>
        <td data-figure="waiting">${c.waiting}</td>
        <td data-figure="longest">${minutes(c.longestWaitSeconds)}</td>
        <td data-figure="open">${t('openCounters', { open: c.openCounters, total: c.counters })}</td>
        <td data-figure="served">${c.servedToday}</td>
        <td data-figure="satisfaction">${
          c.satisfiedShare === null
            ? t('noRatings')
            : t('share', { percent: Math.round(c.satisfiedShare * 100), count: c.ratingsToday })
        }</td>
      </tr>`,
    )}</tbody>
  </table>`;
}
