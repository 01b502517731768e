import { describe, expect, it } from 'vitest';
import {
  errorKey,
  type KioskService,
  kioskOptions,
  peopleAhead,
  serviceName,
  ticketPageUrl,
  unavailableReason,
  waitText,
} from './kiosk-state.js';

const service = (over: Partial<KioskService> = {}): KioskService => ({
  id: 1,
  code: 'A',
  name: 'Tư pháp – Hộ tịch',
  nameEn: 'Justice – Civil status',
  active: true,
  issuingHours: null,
  dailyQuota: null,
  issuedToday: 0,
  issuingNow: true,
  ...over,
});

describe('kiosk options from the URL', () => {
  it('reads the center, printing and the return delay, with safe defaults', () => {
    expect(kioskOptions('?center=3')).toEqual({ centerId: 3, printing: true, resetSeconds: 20 });
    expect(kioskOptions('?center=3&print=0&reset=5')).toEqual({
      centerId: 3,
      printing: false,
      resetSeconds: 5,
    });
    expect(kioskOptions('?center=abc&reset=0').centerId).toBeNull();
    expect(kioskOptions('?center=-1').centerId).toBeNull();
    expect(kioskOptions('').resetSeconds).toBe(20);
    expect(kioskOptions('?reset=100000').resetSeconds).toBe(20);
  });
});

describe('why a service cannot be taken', () => {
  it('says nothing while it issues', () => {
    expect(unavailableReason(service(), 'vi')).toBeNull();
  });

  it('tells inactive, quota reached and outside hours apart, in both languages', () => {
    expect(unavailableReason(service({ issuingNow: false, active: false }), 'vi')).toBe(
      'Tạm ngừng nhận hồ sơ',
    );
    expect(unavailableReason(service({ issuingNow: false, dailyQuota: 5, issuedToday: 5 }), 'vi')).toBe(
      'Đã hết số hôm nay',
    );
    const hours = [
      { from: '07:30', to: '11:30' },
      { from: '13:30', to: '16:30' },
    ];
    expect(unavailableReason(service({ issuingNow: false, issuingHours: hours }), 'vi')).toBe(
      'Ngoài giờ lấy số (lấy số: 07:30–11:30, 13:30–16:30)',
    );
    expect(unavailableReason(service({ issuingNow: false, issuingHours: hours }), 'en')).toBe(
      'Outside ticket hours (tickets: 07:30–11:30, 13:30–16:30)',
    );
  });

  it('names the service in the locale, Vietnamese when there is no English name', () => {
    expect(serviceName(service(), 'en')).toBe('Justice – Civil status');
    expect(serviceName(service({ nameEn: '' }), 'en')).toBe('Tư pháp – Hộ tịch');
  });
});

describe('what the ticket says', () => {
  it('counts the people ahead: position 1 is next', () => {
    expect(peopleAhead({ position: 1 })).toBe(0);
    expect(peopleAhead({ position: 8 })).toBe(7);
    expect(peopleAhead({})).toBeNull();
  });

  it('rounds the wait up to whole minutes, and says when it is unknown', () => {
    expect(waitText(null, 'vi')).toBe('chưa ước tính được');
    expect(waitText(30, 'vi')).toBe('dưới 1 phút');
    expect(waitText(61, 'vi')).toBe('khoảng 2 phút');
    expect(waitText(600, 'en')).toBe('about 10 min');
    expect(waitText(600, 'vi', [1, 3])).toBe('khoảng 10 phút');
  });

  it('promises no time while no open counter serves the service (issue 11 item 3)', () => {
    expect(waitText(null, 'vi', [])).toBe('sẽ ước tính khi có quầy mở');
    expect(waitText(420, 'vi', [])).toBe('sẽ ước tính khi có quầy mở');
    expect(waitText(null, 'en', [])).toBe('estimated once a counter opens');
  });

  it('points the QR code at the citizen page of the ticket', () => {
    expect(ticketPageUrl('https://luot.example.vn/', 'abc_DEF-123')).toBe(
      'https://luot.example.vn/ticket/?t=abc_DEF-123',
    );
    expect(ticketPageUrl('http://127.0.0.1:3000', 'x')).toBe('http://127.0.0.1:3000/ticket/?t=x');
  });
});

describe('refusals in words', () => {
  it('maps every refusal the contract names, and anything else to a generic message', () => {
    expect(errorKey('outside_issuing_hours')).toBe('error.outside_issuing_hours');
    expect(errorKey('daily_quota_reached')).toBe('error.daily_quota_reached');
    expect(errorKey('rate_limited')).toBe('error.rate_limited');
    expect(errorKey('offline')).toBe('error.offline');
    expect(errorKey('database_unavailable')).toBe('error.offline');
    expect(errorKey('constructor')).toBe('error.generic');
    expect(errorKey('internal')).toBe('error.generic');
  });
});
