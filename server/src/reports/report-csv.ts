/**
 * A report as CSV that spreadsheet software opens correctly in Vietnamese: UTF-8 with a
 * byte-order mark, CRLF line ends, every text field quoted.
 */
import type { CenterReport, Figures } from '../../../shared/src/api/reports.js';
import { RATING_WORDS, TICKET_STATUS_WORDS } from '../../../shared/src/i18n/vocabulary.js';
import { RATINGS } from '../../../shared/src/protocol.js';

/** A column named by the domain vocabulary, in lower case as a header ("vắng mặt / no-show"). */
const status = (s: 'no_show' | 'cancelled' | 'expired') =>
  `${TICKET_STATUS_WORDS[s].vi} / ${TICKET_STATUS_WORDS[s].en}`.toLowerCase();

const HEADER = [
  'phần / section',
  'tên / name',
  'số phát / issued',
  'đã phục vụ / served',
  status('no_show'),
  status('cancelled'),
  'chuyển lĩnh vực / transferred',
  status('expired'),
  'chờ TB (giây) / wait mean (s)',
  'chờ trung vị / wait median',
  'chờ p90 / wait p90',
  'phục vụ TB (giây) / service mean (s)',
  'phục vụ trung vị / service median',
  'phục vụ p90 / service p90',
  'trong mục tiêu / within SLA',
  ...RATINGS.map((r) => `${RATING_WORDS[r].vi.toLowerCase()} / rating ${r}`),
];

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
const cell = (v: number | null) => (v === null ? '' : String(v));

function row(section: string, name: string, f: Figures): string {
  return [
    quote(section),
    quote(name),
    f.issued,
    f.served,
    f.noShow,
    f.cancelled,
    f.transferred,
    f.expired,
    cell(f.waitMean),
    cell(f.waitMedian),
    cell(f.waitP90),
    cell(f.serviceMean),
    cell(f.serviceMedian),
    cell(f.serviceP90),
    cell(f.withinSla),
    f.ratings['1'],
    f.ratings['2'],
    f.ratings['3'],
    f.ratings['4'],
  ].join(',');
}

export function reportCsv(report: CenterReport): string {
  const lines = [
    HEADER.map(quote).join(','),
    row('tổng / total', `${report.from} – ${report.to}`, report.total),
    ...report.services.map((s) => row('lĩnh vực / service', `${s.code} · ${s.name}`, s)),
    ...report.clerks.map((c) => row('cán bộ / clerk', c.username, c)),
    '',
    [quote('giờ / hour'), quote('số phát / issued')].join(','),
    ...report.arrivals.map((a) => `${a.hour},${a.issued}`),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
