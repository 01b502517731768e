/** The manager's pages: live dashboard (and later reports, configuration, province overview). */
import { createCatalogue, type Locale } from './catalogue.js';
import { COUNTER_STATE_WORDS, RATING_WORDS, wordsAt } from './vocabulary.js';

const vi = {
  'dashboard.title': 'Điều hành trực tiếp',
  'dashboard.center': 'Trung tâm',
  'dashboard.services': 'Lĩnh vực',
  'dashboard.counters': 'Quầy',
  'dashboard.clerks': 'Cán bộ hôm nay',
  'dashboard.breaches': 'Vượt thời gian chờ cho phép',
  'dashboard.noBreaches': 'Không có số nào chờ quá thời gian cho phép.',
  'dashboard.unserved': 'Có người chờ nhưng chưa có quầy phục vụ',
  'dashboard.unservedItem': '{waiting} người chờ, lâu nhất {longest}. Hãy mở một quầy phục vụ lĩnh vực này.',
  'dashboard.chart': 'Số người chờ và thời gian chờ trung bình trong ngày',
  'dashboard.satisfaction': 'Mức độ hài lòng hôm nay',
  'dashboard.noRatings': 'Chưa có đánh giá nào hôm nay.',
  'dashboard.live': 'Trực tiếp',
  'dashboard.offline': 'Mất kết nối, đang kết nối lại…',
  'col.service': 'Lĩnh vực',
  'col.waiting': 'Đang chờ',
  'col.longest': 'Chờ lâu nhất',
  'col.avgHour': 'Chờ TB 1 giờ qua',
  'col.served': 'Đã phục vụ',
  'col.sla': 'Mục tiêu',
  'col.status': 'Tình trạng',
  'col.counter': 'Quầy',
  'col.state': 'Trạng thái',
  'col.clerk': 'Cán bộ',
  'col.ticket': 'Số',
  'col.atCounter': 'Tại quầy',
  'col.avgService': 'Phục vụ TB',
  'col.noShows': 'Vắng mặt',
  'col.pause': 'Tạm dừng',
  'col.number': 'Số',
  'col.waited': 'Đã chờ',
  'status.ok': 'Trong mục tiêu',
  'status.breached': 'Vượt mục tiêu',
  ...wordsAt('state.', COUNTER_STATE_WORDS, 'vi'),
  'state.paused': `${COUNTER_STATE_WORDS.paused.vi}: {reason}`,
  'state.calling': 'Đang gọi {number}',
  'state.serving': 'Đang phục vụ {number}',
  ...wordsAt('rating.', RATING_WORDS, 'vi'),
  'chart.time': 'Giờ',
  'chart.waiting': 'Người chờ',
  'chart.avgWait': 'Chờ TB (phút)',
  minutes: '{m} phút',
  forbidden: 'Tài khoản này không có quyền xem trang điều hành của trung tâm.',
} as const;

export type ManagerKey = keyof typeof vi;

const en: Record<ManagerKey, string> = {
  'dashboard.title': 'Live floor',
  'dashboard.center': 'Center',
  'dashboard.services': 'Services',
  'dashboard.counters': 'Counters',
  'dashboard.clerks': 'Clerks today',
  'dashboard.breaches': 'Waits past the target',
  'dashboard.noBreaches': 'No ticket has waited past its target.',
  'dashboard.unserved': 'People waiting with no counter serving them',
  'dashboard.unservedItem':
    '{waiting} waiting, the longest {longest}. Open a counter that serves this service.',
  'dashboard.chart': 'People waiting and average wait over the day',
  'dashboard.satisfaction': 'Satisfaction today',
  'dashboard.noRatings': 'No ratings yet today.',
  'dashboard.live': 'Live',
  'dashboard.offline': 'Connection lost, reconnecting…',
  'col.service': 'Service',
  'col.waiting': 'Waiting',
  'col.longest': 'Longest wait',
  'col.avgHour': 'Avg wait, last hour',
  'col.served': 'Served',
  'col.sla': 'Target',
  'col.status': 'Status',
  'col.counter': 'Counter',
  'col.state': 'State',
  'col.clerk': 'Clerk',
  'col.ticket': 'Ticket',
  'col.atCounter': 'At counter',
  'col.avgService': 'Avg service',
  'col.noShows': 'No-shows',
  'col.pause': 'Paused',
  'col.number': 'Ticket',
  'col.waited': 'Waited',
  'status.ok': 'Within target',
  'status.breached': 'Past target',
  ...wordsAt('state.', COUNTER_STATE_WORDS, 'en'),
  'state.paused': `${COUNTER_STATE_WORDS.paused.en}: {reason}`,
  'state.calling': 'Calling {number}',
  'state.serving': 'Serving {number}',
  ...wordsAt('rating.', RATING_WORDS, 'en'),
  'chart.time': 'Time',
  'chart.waiting': 'Waiting',
  'chart.avgWait': 'Avg wait (min)',
  minutes: '{m} min',
  forbidden: 'This account may not see the live floor of a center.',
};

export const MANAGER_MESSAGES: Record<Locale, Record<ManagerKey, string>> = { vi, en };

export const managerText = createCatalogue(MANAGER_MESSAGES);

/** Whole minutes, as a manager reads a wait. */
export function minutes(locale: Locale, seconds: number | null): string {
  return seconds === null ? '—' : managerText(locale, 'minutes', { m: Math.round(seconds / 60) });
}
