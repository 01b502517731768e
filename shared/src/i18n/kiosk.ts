/**
 * The kiosk's message catalogue (`/kiosk/?center=ID`): every string a citizen reads on the
 * touch screen and on the printed ticket, Vietnamese first, English beside. The accessible
 * names of DESIGN.md §7 are here verbatim: Lấy số, Ưu tiên, Không ưu tiên.
 */
import { createCatalogue, type Locale } from './catalogue.js';
import { ISSUE_REFUSAL_WORDS, PRIORITY_WORDS, wordsAt } from './vocabulary.js';

const vi = {
  'kiosk.title': 'Lấy số',
  'kiosk.chooseService': 'Chạm vào lĩnh vực bạn cần giải quyết',
  'kiosk.loading': 'Đang tải danh sách lĩnh vực…',
  'kiosk.noServices': 'Hiện chưa có lĩnh vực nào nhận hồ sơ.',
  'kiosk.offline': 'Mất kết nối tới máy chủ. Đang thử kết nối lại…',
  'kiosk.noCenter': 'Máy lấy số chưa được cài đặt: thiếu mã trung tâm trong địa chỉ (?center=…).',
  'kiosk.unknownCenter': 'Không tìm thấy trung tâm số {id}. Vui lòng báo cán bộ.',
  'language.switch': 'English',
  'service.inactive': ISSUE_REFUSAL_WORDS.service_inactive.vi,
  'service.quota': ISSUE_REFUSAL_WORDS.daily_quota_reached.vi,
  'service.hours': `${ISSUE_REFUSAL_WORDS.outside_issuing_hours.vi} (lấy số: {hours})`,
  'priority.title': 'Ưu tiên',
  'priority.question': 'Bạn có thuộc diện ưu tiên không?',
  'priority.none': 'Không ưu tiên',
  ...wordsAt('priority.', PRIORITY_WORDS, 'vi'),
  'priority.note': 'Cán bộ sẽ kiểm tra diện ưu tiên khi bạn đến quầy.',
  'action.back': 'Quay lại',
  'action.done': 'Xong',
  'issuing.wait': 'Đang lấy số, vui lòng chờ…',
  'ticket.heading': 'Số thứ tự của bạn',
  'ticket.label': 'Số thứ tự {number}',
  'ticket.service': 'Lĩnh vực',
  'ticket.ahead': 'Số người chờ trước bạn',
  'ticket.wait': 'Thời gian chờ dự kiến',
  'ticket.waitMinutes': 'khoảng {minutes} phút',
  'ticket.waitSoon': 'dưới 1 phút',
  'ticket.waitUnknown': 'chưa ước tính được',
  'ticket.waitNoCounter': 'sẽ ước tính khi có quầy mở',
  'ticket.issuedAt': 'Thời gian lấy số',
  'ticket.priority': 'Ưu tiên',
  'ticket.qrHint': 'Quét mã QR để theo dõi số của bạn trên điện thoại',
  'ticket.qrLabel': 'Mã QR mở trang theo dõi số {number}',
  'ticket.printing': 'Vui lòng nhận phiếu in bên dưới.',
  'ticket.watchBoard': 'Vui lòng chờ và theo dõi màn hình gọi số.',
  'ticket.returning': 'Màn hình trở về sau {seconds} giây. Chạm vào màn hình để trở về ngay.',
  'error.title': 'Chưa lấy được số',
  'error.outside_issuing_hours':
    'Lĩnh vực này hiện đang ngoài giờ lấy số. Vui lòng quay lại trong giờ làm việc.',
  'error.daily_quota_reached':
    'Lĩnh vực này đã hết số trong ngày hôm nay. Vui lòng quay lại vào ngày làm việc tiếp theo.',
  'error.service_inactive': 'Lĩnh vực này đang tạm ngừng nhận hồ sơ.',
  'error.rate_limited': 'Máy đang nhận quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.',
  'error.offline': 'Mất kết nối tới máy chủ. Vui lòng thử lại sau hoặc liên hệ cán bộ hướng dẫn.',
  'error.not_found': 'Không tìm thấy lĩnh vực này. Vui lòng chọn lại.',
  'error.generic': 'Đã có lỗi xảy ra. Vui lòng thử lại hoặc liên hệ cán bộ hướng dẫn.',
  'error.returning': 'Màn hình trở về sau {seconds} giây.',
} as const;

export type KioskMessageKey = keyof typeof vi;

const en: Record<KioskMessageKey, string> = {
  'kiosk.title': 'Take a ticket',
  'kiosk.chooseService': 'Touch the service you need',
  'kiosk.loading': 'Loading the services…',
  'kiosk.noServices': 'No service is taking tickets yet.',
  'kiosk.offline': 'Lost the connection to the server. Reconnecting…',
  'kiosk.noCenter': 'This kiosk is not set up: the center is missing from its address (?center=…).',
  'kiosk.unknownCenter': 'Center {id} was not found. Please tell a member of staff.',
  'language.switch': 'Tiếng Việt',
  'service.inactive': ISSUE_REFUSAL_WORDS.service_inactive.en,
  'service.quota': ISSUE_REFUSAL_WORDS.daily_quota_reached.en,
  'service.hours': `${ISSUE_REFUSAL_WORDS.outside_issuing_hours.en} (tickets: {hours})`,
  'priority.title': 'Priority',
  'priority.question': 'Are you entitled to priority?',
  'priority.none': 'No priority',
  ...wordsAt('priority.', PRIORITY_WORDS, 'en'),
  'priority.note': 'Staff will check your priority at the counter.',
  'action.back': 'Back',
  'action.done': 'Done',
  'issuing.wait': 'Taking your ticket, please wait…',
  'ticket.heading': 'Your number',
  'ticket.label': 'Ticket {number}',
  'ticket.service': 'Service',
  'ticket.ahead': 'People ahead of you',
  'ticket.wait': 'Estimated wait',
  'ticket.waitMinutes': 'about {minutes} min',
  'ticket.waitSoon': 'under a minute',
  'ticket.waitUnknown': 'not known yet',
  'ticket.waitNoCounter': 'estimated once a counter opens',
  'ticket.issuedAt': 'Issued at',
  'ticket.priority': 'Priority',
  'ticket.qrHint': 'Scan the QR code to follow your ticket on your phone',
  'ticket.qrLabel': 'QR code opening the page of ticket {number}',
  'ticket.printing': 'Please take your printed ticket below.',
  'ticket.watchBoard': 'Please wait and watch the calling board.',
  'ticket.returning': 'This screen returns in {seconds} s. Touch the screen to return now.',
  'error.title': 'No ticket was issued',
  'error.outside_issuing_hours':
    'This service is outside its ticket hours. Please come back during opening hours.',
  'error.daily_quota_reached':
    'This service has issued all its tickets for today. Please come back on the next working day.',
  'error.service_inactive': 'This service is not taking tickets now.',
  'error.rate_limited': 'Too many requests from this kiosk. Please try again in a few minutes.',
  'error.offline': 'Lost the connection to the server. Please try again later or ask a member of staff.',
  'error.not_found': 'This service was not found. Please choose again.',
  'error.generic': 'Something went wrong. Please try again or ask a member of staff.',
  'error.returning': 'This screen returns in {seconds} s.',
};

export const KIOSK_MESSAGES: Record<Locale, Record<KioskMessageKey, string>> = { vi, en };

/** The kiosk message in a locale with {placeholders} filled in. */
export const kioskText = createCatalogue(KIOSK_MESSAGES);
