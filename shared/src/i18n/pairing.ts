/**
 * The pairing screen a board, kiosk or counter display shows when its center admits paired
 * devices only (issue 6), a kiosk shows until it is paired (it prints tickets only then), and a
 * counter display shows to take ratings (issue 10): Vietnamese first, English beside.
 */
import { createCatalogue, type Locale } from './catalogue.js';

const vi = {
  'pairing.title': 'Ghép nối thiết bị',
  'pairing.explain':
    'Trung tâm này chỉ cho phép các thiết bị đã ghép nối. Nhập mã ghép nối do quản lý trung tâm cung cấp.',
  'pairing.explain.kiosk':
    'Máy lấy số chỉ phát số sau khi được ghép nối với trung tâm. Nhập mã ghép nối do quản lý trung tâm cung cấp.',
  'pairing.explain.ratings':
    'Để công dân đánh giá tại quầy, màn hình này cần được ghép nối với quầy. Nhập mã ghép nối do quản lý trung tâm cung cấp.',
  'pairing.code': 'Mã ghép nối (8 chữ số)',
  'pairing.submit': 'Ghép nối',
  'pairing.busy': 'Đang ghép nối…',
  'pairing.done': 'Đã ghép nối. Đang tải…',
  'pairing.error.pairing_code_invalid': 'Mã không đúng. Kiểm tra lại các chữ số hoặc xin mã mới.',
  'pairing.error.pairing_code_expired': 'Mã đã hết hạn (mỗi mã dùng được 10 phút). Xin quản lý tạo mã mới.',
  'pairing.error.pairing_code_used': 'Mã này đã được dùng. Xin quản lý tạo mã mới.',
  'pairing.error.validation_failed': 'Mã gồm đúng 8 chữ số.',
  'pairing.error.rate_limited': 'Đã thử quá nhiều lần. Vui lòng chờ một phút rồi thử lại.',
  'pairing.error.offline': 'Không kết nối được máy chủ. Vui lòng thử lại.',
  'pairing.error.generic': 'Chưa ghép nối được. Vui lòng thử lại.',
} as const;

export type PairingKey = keyof typeof vi;

const en: Record<PairingKey, string> = {
  'pairing.title': 'Pair this device',
  'pairing.explain': 'This center admits paired devices only. Enter the pairing code from your manager.',
  'pairing.explain.kiosk':
    'A kiosk prints tickets once it is paired with the center. Enter the pairing code from your manager.',
  'pairing.explain.ratings':
    'To take ratings at the counter, this display must be paired with it. Enter the pairing code from your manager.',
  'pairing.code': 'Pairing code (8 digits)',
  'pairing.submit': 'Pair',
  'pairing.busy': 'Pairing…',
  'pairing.done': 'Paired. Loading…',
  'pairing.error.pairing_code_invalid': 'That code is not right. Check the digits or ask for a new code.',
  'pairing.error.pairing_code_expired':
    'That code has expired (codes last 10 minutes). Ask your manager for a new one.',
  'pairing.error.pairing_code_used': 'That code has already been used. Ask your manager for a new one.',
  'pairing.error.validation_failed': 'A code is exactly 8 digits.',
  'pairing.error.rate_limited': 'Too many attempts. Wait a minute and try again.',
  'pairing.error.offline': 'The server cannot be reached. Please try again.',
  'pairing.error.generic': 'The device was not paired. Please try again.',
};

export const PAIRING_MESSAGES: Record<Locale, Record<PairingKey, string>> = { vi, en };

export const translatePairing = createCatalogue(PAIRING_MESSAGES);

/** The message for a refused pairing, by the contract's error code. */
export function pairingErrorKey(code: string): PairingKey {
  const key = `pairing.error.${code}`;
  return key in vi ? (key as PairingKey) : 'pairing.error.generic';
}
