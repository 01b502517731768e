/** The province overview (/manager/province): every center side by side. */
import { createCatalogue, type Locale } from './catalogue.js';

const vi = {
  title: 'Tổng quan toàn tỉnh',
  caption: 'Các trung tâm hôm nay',
  live: 'Trực tiếp',
  offline: 'Mất kết nối, đang kết nối lại…',
  'col.center': 'Trung tâm',
  'col.waiting': 'Đang chờ',
  'col.longest': 'Chờ lâu nhất',
  'col.openCounters': 'Quầy đang mở',
  'col.served': 'Đã phục vụ hôm nay',
  'col.satisfaction': 'Hài lòng hôm nay',
  sortHint: 'Bấm tiêu đề cột để sắp xếp',
  openCounters: '{open}/{total}',
  noRatings: 'Chưa có đánh giá',
  share: '{percent}% ({count} đánh giá)',
  minutes: '{m} phút',
  forbidden: 'Chỉ quản trị viên cấp tỉnh mới xem được trang này.',
  empty: 'Chưa có trung tâm nào.',
} as const;

export type ProvinceKey = keyof typeof vi;

const en: Record<ProvinceKey, string> = {
  title: 'Province overview',
  caption: 'Centers today',
  live: 'Live',
  offline: 'Connection lost, reconnecting…',
  'col.center': 'Center',
  'col.waiting': 'Waiting',
  'col.longest': 'Longest wait',
  'col.openCounters': 'Open counters',
  'col.served': 'Served today',
  'col.satisfaction': 'Satisfied today',
  sortHint: 'Click a column heading to sort',
  openCounters: '{open}/{total}',
  noRatings: 'No ratings yet',
  share: '{percent}% ({count} ratings)',
  minutes: '{m} min',
  forbidden: 'Only a province administrator may see this page.',
  empty: 'No centers yet.',
};

export const PROVINCE_MESSAGES: Record<Locale, Record<ProvinceKey, string>> = { vi, en };

export const provinceText = createCatalogue(PROVINCE_MESSAGES);
