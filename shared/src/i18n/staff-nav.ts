/** The staff navigation bar on every staff page: the pages' names and the bar's own words. */
import { createCatalogue, type Locale } from './catalogue.js';

const vi = {
  'nav.label': 'Các trang làm việc',
  'nav.counter': 'Quầy',
  'nav.dashboard': 'Tổng quan',
  'nav.reports': 'Báo cáo',
  'nav.config': 'Cấu hình',
  'nav.province': 'Toàn tỉnh',
  'nav.user': 'Người đang đăng nhập',
  'nav.signOut': 'Đăng xuất',
  'nav.language': 'English',
} as const;

export type StaffNavKey = keyof typeof vi;

const en: Record<StaffNavKey, string> = {
  'nav.label': 'Staff pages',
  'nav.counter': 'Counter',
  'nav.dashboard': 'Overview',
  'nav.reports': 'Reports',
  'nav.config': 'Configuration',
  'nav.province': 'Province',
  'nav.user': 'Signed in',
  'nav.signOut': 'Sign out',
  'nav.language': 'Tiếng Việt',
};

export const STAFF_NAV_MESSAGES: Record<Locale, Record<StaffNavKey, string>> = { vi, en };

export const staffNavText = createCatalogue(STAFF_NAV_MESSAGES);
