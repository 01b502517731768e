/**
 * The public displays' message catalogue: the waiting-room board (`/display/?center=ID`) and
 * the counter display with its rating buttons (`/display/counter/?counter=ID`). Vietnamese
 * first, English beside; the accessible name "Bật âm thanh" of DESIGN.md §7 is here verbatim.
 * What the board says aloud is always Vietnamese: see displays/src/board/vietnamese-speech.ts.
 */
import { createCatalogue, type Locale } from './catalogue.js';
import { COUNTER_STATE_WORDS, RATING_WORDS, wordsAt } from './vocabulary.js';

const vi = {
  'board.title': 'Bảng gọi số',
  'board.loading': 'Đang tải…',
  'board.noCenter': 'Bảng chưa được cài đặt: thiếu mã trung tâm trong địa chỉ (?center=…).',
  'board.unknownCenter': 'Không tìm thấy trung tâm số {id}.',
  'board.calls': 'Số vừa gọi',
  'board.noCalls': 'Chưa gọi số nào.',
  'board.callTo': 'Mời số {number} đến quầy {counter}',
  'board.number': 'Số',
  'board.counter': 'Quầy',
  'board.recall': 'Gọi lại',
  'board.transferred': 'Số {from} đã chuyển thành số {to}, {service}',
  'board.transferredToCounter': 'Số {from} đã chuyển thành số {to}, {service}, tại quầy {counter}',
  'board.counters': 'Các quầy',
  'board.counterName': 'Quầy {number}',
  'board.counterReady': 'Sẵn sàng',
  'board.counterPaused': COUNTER_STATE_WORDS.paused.vi,
  'board.noOpenCounters': 'Chưa có quầy nào mở.',
  'board.waiting': 'Đang chờ',
  'board.waitingCount': '{count} người chờ',
  'board.waitingPeople': 'người chờ',
  'board.reconnecting': 'Đang kết nối lại…',
  'board.soundOn': 'Bật âm thanh',
  'board.soundBlocked': 'Trình duyệt đang chặn âm thanh.',
  'board.page': 'Trang {page}/{pages}',
  'counterDisplay.noCounter': 'Màn hình quầy chưa được cài đặt: thiếu mã quầy trong địa chỉ (?counter=…).',
  'counterDisplay.unknownCounter': 'Không tìm thấy quầy số {id}.',
  'counterDisplay.name': 'Quầy {number}',
  'counterDisplay.calling': 'Mời công dân có số',
  'counterDisplay.serving': 'Đang phục vụ số',
  'counterDisplay.ready': 'Xin mời chờ gọi số',
  'counterDisplay.closed': 'Quầy đang đóng',
  'counterDisplay.paused': 'Quầy tạm dừng',
  'counterDisplay.reconnecting': 'Đang kết nối lại…',
  'counterDisplay.transferred': 'Đã chuyển lĩnh vực',
  'counterDisplay.transferWait': 'Số mới của bạn là {number}: xin mời chờ gọi',
  'counterDisplay.transferWaitAt': 'Số mới của bạn là {number}: xin mời chờ Quầy {counter} gọi',
  'rating.question': 'Quý khách hài lòng với việc phục vụ số {number} chứ?',
  'rating.choices': 'Đánh giá mức độ hài lòng',
  ...wordsAt('rating.', RATING_WORDS, 'vi'),
  'rating.secondsLeft': 'Còn {seconds} giây',
  'rating.thanks': 'Cảm ơn quý khách đã đánh giá!',
  'rating.already': 'Số này đã được đánh giá. Cảm ơn quý khách!',
  'rating.closed': 'Đã hết thời gian đánh giá số này.',
  'rating.failed': 'Chưa gửi được đánh giá. Xin thử lại.',
  'rating.onPhone': 'Cảm ơn quý khách! Quý khách có thể đánh giá số {number} bằng mã QR trên vé.',
} as const;

export type DisplayMessageKey = keyof typeof vi;

const en: Record<DisplayMessageKey, string> = {
  'board.title': 'Calling board',
  'board.loading': 'Loading…',
  'board.noCenter': 'This board is not set up: the address lacks the center (?center=…).',
  'board.unknownCenter': 'Center {id} was not found.',
  'board.calls': 'Just called',
  'board.noCalls': 'No number called yet.',
  'board.callTo': 'Number {number} to counter {counter}',
  'board.number': 'Number',
  'board.counter': 'Counter',
  'board.recall': 'Recall',
  'board.transferred': 'Number {from} is now number {to}, {service}',
  'board.transferredToCounter': 'Number {from} is now number {to}, {service}, at counter {counter}',
  'board.counters': 'Counters',
  'board.counterName': 'Counter {number}',
  'board.counterReady': 'Ready',
  'board.counterPaused': COUNTER_STATE_WORDS.paused.en,
  'board.noOpenCounters': 'No counter is open yet.',
  'board.waiting': 'Waiting',
  'board.waitingCount': '{count} waiting',
  'board.waitingPeople': 'waiting',
  'board.reconnecting': 'Reconnecting…',
  'board.soundOn': 'Turn sound on',
  'board.soundBlocked': 'The browser is blocking sound.',
  'board.page': 'Page {page}/{pages}',
  'counterDisplay.noCounter': 'This display is not set up: the address lacks the counter (?counter=…).',
  'counterDisplay.unknownCounter': 'Counter {id} was not found.',
  'counterDisplay.name': 'Counter {number}',
  'counterDisplay.calling': 'Now calling number',
  'counterDisplay.serving': 'Now serving number',
  'counterDisplay.ready': 'Please wait to be called',
  'counterDisplay.closed': 'Counter closed',
  'counterDisplay.paused': 'Counter paused',
  'counterDisplay.reconnecting': 'Reconnecting…',
  'counterDisplay.transferred': 'Transferred',
  'counterDisplay.transferWait': 'Your new number is {number}: please wait to be called',
  'counterDisplay.transferWaitAt':
    'Your new number is {number}: please wait for Counter {counter} to call you',
  'rating.question': 'Were you satisfied with the service for number {number}?',
  'rating.choices': 'Rate your satisfaction',
  ...wordsAt('rating.', RATING_WORDS, 'en'),
  'rating.secondsLeft': '{seconds} s left',
  'rating.thanks': 'Thank you for your rating!',
  'rating.already': 'This ticket has already been rated. Thank you!',
  'rating.closed': 'Rating for this ticket has closed.',
  'rating.failed': 'The rating was not sent. Please try again.',
  'rating.onPhone': 'Thank you! You can rate number {number} with the QR code on your ticket.',
};

export const DISPLAY_MESSAGES: Record<Locale, Record<DisplayMessageKey, string>> = { vi, en };

/** A display message in a locale with {placeholders} filled in. */
export const displayText = createCatalogue(DISPLAY_MESSAGES);
