/** The manager's reports page (/manager/reports): a center over a range of local days. */
import { createCatalogue, type Locale } from './catalogue.js';
import { RATING_WORDS, TICKET_STATUS_WORDS } from './vocabulary.js';

/** The four levels, best first, as the ratings column lists them. */
const ratingsHint = (locale: Locale) =>
  ([4, 3, 2, 1] as const).map((r) => RATING_WORDS[r][locale]).join(' · ');

const vi = {
  'reports.title': 'Báo cáo',
  'reports.center': 'Trung tâm',
  'reports.from': 'Từ ngày',
  'reports.to': 'Đến ngày',
  'reports.show': 'Xem báo cáo',
  'reports.csv': 'Tải CSV',
  'reports.print': 'In báo cáo',
  'reports.loading': 'Đang tính…',
  'reports.range': 'Từ {from} đến {to}',
  'reports.total': 'Tổng hợp',
  'reports.services': 'Theo lĩnh vực',
  'reports.clerks': 'Theo cán bộ',
  'reports.arrivals': 'Số phát theo giờ trong ngày',
  'reports.arrivalsEmpty': 'Không có số nào được phát trong khoảng này.',
  'reports.arrivalsAt': '{hour} giờ: {n} số',
  'reports.hour': '{hour}h',
  'reports.quick': 'Khoảng nhanh',
  'reports.quick.today': 'Hôm nay',
  'reports.quick.week': 'Tuần này',
  'reports.quick.month': 'Tháng này',
  'reports.quick.lastMonth': 'Tháng trước',
  'reports.badRange': 'Khoảng ngày không hợp lệ: {message}',
  'reports.failed': 'Không tải được báo cáo. Hãy thử lại.',
  'reports.busy': 'Máy chủ đang lập báo cáo khác. Hãy thử lại sau vài giây.',
  'col.name': 'Tên',
  'col.service': 'Lĩnh vực',
  'col.clerk': 'Cán bộ',
  'col.issued': 'Số phát',
  'col.served': 'Đã phục vụ',
  'col.noShow': TICKET_STATUS_WORDS.no_show.vi,
  'col.cancelled': TICKET_STATUS_WORDS.cancelled.vi,
  'col.transferred': 'Chuyển lĩnh vực',
  'col.wait': 'Chờ (phút) TB / trung vị / p90',
  'col.service.time': 'Phục vụ (phút) TB / trung vị / p90',
  'col.sla': 'Trong mục tiêu',
  'col.ratings': 'Đánh giá (4 · 3 · 2 · 1)',
  'col.ratingsHint': ratingsHint('vi'),
  'col.hour': 'Giờ',
  forbidden: 'Tài khoản này không có quyền xem báo cáo của trung tâm.',
} as const;

export type ReportsKey = keyof typeof vi;

const en: Record<ReportsKey, string> = {
  'reports.title': 'Reports',
  'reports.center': 'Center',
  'reports.from': 'From',
  'reports.to': 'To',
  'reports.show': 'Show report',
  'reports.csv': 'Download CSV',
  'reports.print': 'Print report',
  'reports.loading': 'Computing…',
  'reports.range': 'From {from} to {to}',
  'reports.total': 'Totals',
  'reports.services': 'By service',
  'reports.clerks': 'By clerk',
  'reports.arrivals': 'Tickets issued per hour of day',
  'reports.arrivalsEmpty': 'No ticket was issued in this range.',
  'reports.arrivalsAt': '{hour}:00: {n} tickets',
  'reports.hour': '{hour}:00',
  'reports.quick': 'Quick ranges',
  'reports.quick.today': 'Today',
  'reports.quick.week': 'This week',
  'reports.quick.month': 'This month',
  'reports.quick.lastMonth': 'Last month',
  'reports.badRange': 'Invalid range of days: {message}',
  'reports.failed': 'The report could not be loaded. Try again.',
  'reports.busy': 'The server is making other reports. Try again in a few seconds.',
  'col.name': 'Name',
  'col.service': 'Service',
  'col.clerk': 'Clerk',
  'col.issued': 'Issued',
  'col.served': 'Served',
  'col.noShow': TICKET_STATUS_WORDS.no_show.en,
  'col.cancelled': TICKET_STATUS_WORDS.cancelled.en,
  'col.transferred': 'Transferred',
  'col.wait': 'Wait (min) mean / median / p90',
  'col.service.time': 'Service (min) mean / median / p90',
  'col.sla': 'Within target',
  'col.ratings': 'Ratings (4 · 3 · 2 · 1)',
  'col.ratingsHint': ratingsHint('en'),
  'col.hour': 'Hour',
  forbidden: 'This account may not see the reports of a center.',
};

export const REPORTS_MESSAGES: Record<Locale, Record<ReportsKey, string>> = { vi, en };

export const reportsText = createCatalogue(REPORTS_MESSAGES);
