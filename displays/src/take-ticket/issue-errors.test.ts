import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/src/http/api-client.js';
import { issueErrorText } from './issue-errors.js';

describe('why a remote ticket was refused', () => {
  it('names the device limit, the hours, the quota and a paused service', () => {
    expect(issueErrorText('vi', new ApiError(429, 'rate_limited', 'x', { limit: 3 }))).toBe(
      'Điện thoại này đang giữ 3 số chưa dùng. Hãy dùng hoặc hủy một số trước khi lấy số mới.',
    );
    expect(
      issueErrorText(
        'vi',
        new ApiError(429, 'rate_limited', 'x', { limit: 4, serviceId: 2, perServicePerDay: true }),
      ),
    ).toBe(
      'Điện thoại này đã lấy 4 số của lĩnh vực này hôm nay. Vui lòng hỏi quầy hướng dẫn để được hỗ trợ.',
    );
    expect(
      issueErrorText('en', new ApiError(429, 'rate_limited', 'x', { retryAfter: '1 minute' })),
    ).toContain('in a few minutes');
    const hours = {
      issuingHours: [
        { from: '07:30', to: '11:30' },
        { from: '13:30', to: '16:30' },
      ],
    };
    expect(issueErrorText('vi', new ApiError(409, 'outside_issuing_hours', 'x', hours))).toBe(
      'Lĩnh vực này hiện ngoài giờ lấy số. Giờ lấy số: từ 07:30 đến 11:30, từ 13:30 đến 16:30.',
    );
    expect(issueErrorText('vi', new ApiError(409, 'daily_quota_reached', 'x'))).toContain('hết số hôm nay');
    const webShare = new ApiError(409, 'daily_quota_reached', 'x', { channel: 'web', webQuota: 50 });
    expect(issueErrorText('vi', webShare)).toContain('dành cho người đến trực tiếp');
    expect(issueErrorText('en', new ApiError(409, 'service_inactive', 'x'))).toContain('not taking tickets');
    expect(issueErrorText('vi', new ApiError(0, 'offline', 'x'))).toContain('Không kết nối được');
  });
});
