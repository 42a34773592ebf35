import { describe, expect, it } from 'vitest';
import { backoffMs, signWebhook, verifyWebhook } from './signature.ts';

describe('CRM webhook signature', () => {
  const body = JSON.stringify({ type: 'lead.graded', data: { grade: 'A' } });
  it('verifies what it signs, within the replay window', () => {
    const header = signWebhook('k', body, 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook('k', body, header, 1_700_000_100)).toBe(true);
    expect(verifyWebhook('k', body, header, 1_700_001_000)).toBe(false);
    expect(verifyWebhook('other', body, header, 1_700_000_000)).toBe(false);
    expect(verifyWebhook('k', `${body} `, header, 1_700_000_000)).toBe(false);
    expect(verifyWebhook('k', body, 'garbage', 1_700_000_000)).toBe(false);
  });
  it('backs off exponentially up to an hour', () => {
    expect([0, 1, 2, 3].map(backoffMs)).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30)).toBe(3600_000);
  });
});
