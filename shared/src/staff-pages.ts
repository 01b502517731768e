/**
 * The staff pages and the roles that may open each (DESIGN.md §15): the navigation bar shows
 * a person only the pages their role opens, matching what the server lets that role read
 * (dashboard, reports and configuration: manager or admin; the province: admin only).
 * Order is the order of the bar.
 */
import type { Role } from './api/users.js';

/** A staff role (shared/src/api/users.ts), under the name these pages have always used. */
export type StaffRole = Role;

export const STAFF_PAGES = [
  { key: 'counter', url: '/counter/', roles: ['clerk', 'manager', 'admin'], perCenter: false },
  { key: 'dashboard', url: '/manager/', roles: ['manager', 'admin'], perCenter: true },
  { key: 'reports', url: '/manager/reports', roles: ['manager', 'admin'], perCenter: true },
  { key: 'config', url: '/manager/config', roles: ['manager', 'admin'], perCenter: true },
  { key: 'province', url: '/manager/province', roles: ['admin'], perCenter: false },
] as const satisfies readonly { key: string; url: string; roles: readonly StaffRole[]; perCenter: boolean }[];

export type StaffPage = (typeof STAFF_PAGES)[number];
export type StaffPageKey = StaffPage['key'];

/** The pages `role` may open, in bar order; none for an unknown role. */
export function staffPagesFor(role: string): StaffPage[] {
  return STAFF_PAGES.filter((p) => (p.roles as readonly string[]).includes(role));
}

/** A page's link: a per-center page keeps the center being looked at (`?center=`). */
export function staffPageHref(page: StaffPage, centerId: number | null): string {
  return page.perCenter && centerId !== null ? `${page.url}?center=${centerId}` : page.url;
}
