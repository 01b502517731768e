/**
 * The domain's words, once: how a rating, a priority, a ticket status, a counter state, a pause
 * reason, an outcome, a cancel reason and an issuing refusal are named, Vietnamese first,
 * English beside. Every catalogue takes these words from here instead of spelling them again
 * (they drifted when each spelled its own: rating 1 was "Dissatisfied" on one page and "Not
 * satisfied" on another). Each table is a `Record` over the union it names, so a value added to
 * a union without its words does not compile.
 */
import type { ErrorCode } from '../errors.js';
import type { CancelReason, CounterState, Outcome, PauseReason, Priority, Rating } from '../protocol.js';
import type { TicketStatus } from '../ticket-state.js';
import type { Locale } from './catalogue.js';

export interface Words {
  readonly vi: string;
  readonly en: string;
}
export type Vocabulary<U extends string | number> = Readonly<Record<U, Words>>;

/** The official 4-level scale of Vietnamese centres (DESIGN.md §3), best first where listed. */
export const RATING_WORDS: Vocabulary<Rating> = {
  4: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  3: { vi: 'Hài lòng', en: 'Satisfied' },
  2: { vi: 'Bình thường', en: 'Neutral' },
  1: { vi: 'Không hài lòng', en: 'Not satisfied' },
};

/** Who is served first (DESIGN.md §3: elderly, disabled, pregnant, child under 6, veteran). */
export const PRIORITY_WORDS: Vocabulary<Priority> = {
  elderly: { vi: 'Người cao tuổi', en: 'Elderly' },
  disabled: { vi: 'Người khuyết tật', en: 'Person with a disability' },
  pregnant: { vi: 'Phụ nữ mang thai', en: 'Pregnant' },
  child: { vi: 'Người đi cùng trẻ dưới 6 tuổi', en: 'With a child under 6' },
  veteran: { vi: 'Người có công', en: 'Veteran or person of merit' },
};

/** A ticket's status as a short label (what staff read beside a number). */
export const TICKET_STATUS_WORDS: Vocabulary<TicketStatus> = {
  waiting: { vi: 'Đang chờ', en: 'Waiting' },
  called: { vi: 'Đã gọi', en: 'Called' },
  serving: { vi: 'Đang phục vụ', en: 'Serving' },
  held: { vi: 'Tạm giữ', en: 'Held' },
  done: { vi: 'Đã xong', en: 'Done' },
  no_show: { vi: 'Vắng mặt', en: 'No-show' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
  expired: { vi: 'Hết hạn', en: 'Expired' },
};

/** A counter's state as a short label; a pause's reason is said after it ("Tạm dừng: Họp"). */
export const COUNTER_STATE_WORDS: Vocabulary<CounterState> = {
  closed: { vi: 'Đang đóng', en: 'Closed' },
  open: { vi: 'Đang mở', en: 'Open' },
  paused: { vi: 'Tạm dừng', en: 'Paused' },
};

/** Why a counter is paused, as public screens may show it (DESIGN.md §14). */
export const PAUSE_REASON_WORDS: Vocabulary<PauseReason> = {
  break: { vi: 'Nghỉ giải lao', en: 'Break' },
  meeting: { vi: 'Họp', en: 'Meeting' },
  back_office: { vi: 'Xử lý hồ sơ', en: 'Back-office work' },
  other: { vi: 'Khác', en: 'Other' },
};

/** How a clerk's service of a citizen ended. */
export const OUTCOME_WORDS: Vocabulary<Outcome> = {
  resolved: { vi: 'Đã giải quyết', en: 'Resolved' },
  received: { vi: 'Đã tiếp nhận hồ sơ', en: 'Dossier received' },
  needs_more_documents: { vi: 'Cần bổ sung giấy tờ', en: 'Needs more documents' },
  referred: { vi: 'Hướng dẫn sang nơi khác', en: 'Referred elsewhere' },
  other: { vi: 'Khác', en: 'Other' },
};

/** Why staff cancelled a waiting ticket. */
export const CANCEL_REASON_WORDS: Vocabulary<CancelReason> = {
  citizen_left: { vi: 'Công dân đã về', en: 'The citizen has left' },
  citizen_request: { vi: 'Công dân đề nghị hủy', en: 'The citizen asked' },
  duplicate: { vi: 'Lấy trùng số', en: 'A duplicate ticket' },
  wrong_service: { vi: 'Lấy nhầm lĩnh vực', en: 'Taken for the wrong service' },
  other: { vi: 'Lý do khác', en: 'Another reason' },
};

/** The error codes with which issuing a ticket is refused for the service's own sake. */
export const ISSUE_REFUSALS = [
  'outside_issuing_hours',
  'daily_quota_reached',
  'service_inactive',
] as const satisfies readonly ErrorCode[];
export type IssueRefusal = (typeof ISSUE_REFUSALS)[number];

/**
 * An issuing refusal as the short label on a service's button (kiosk, phone): each surface
 * keeps its own longer sentence for the moment a ticket is refused.
 */
export const ISSUE_REFUSAL_WORDS: Vocabulary<IssueRefusal> = {
  outside_issuing_hours: { vi: 'Ngoài giờ lấy số', en: 'Outside ticket hours' },
  daily_quota_reached: { vi: 'Đã hết số hôm nay', en: 'No tickets left today' },
  service_inactive: { vi: 'Tạm ngừng nhận hồ sơ', en: 'Not taking tickets' },
};

/**
 * A vocabulary's words in one locale as catalogue entries under `prefix`, to spread into a
 * catalogue: `...wordsAt('rating.', RATING_WORDS, 'vi')` gives `'rating.1': 'Không hài lòng'` ….
 */
export function wordsAt<P extends string, U extends string | number>(
  prefix: P,
  vocabulary: Vocabulary<U>,
  locale: Locale,
): Record<`${P}${U}`, string> {
  const entries = Object.entries<Words>(vocabulary).map(([value, words]) => [
    `${prefix}${value}`,
    words[locale],
  ]);
  return Object.fromEntries(entries) as Record<`${P}${U}`, string>;
}
