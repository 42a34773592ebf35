import { describe, expect, it } from 'vitest';
import { parseCampaignSpec } from './campaign-spec.ts';
import { CapacityTracker } from './capacity.ts';
import { leadAfterAttempt, outcomeOfCarrierStatus } from './outcomes.ts';

const rules = (maxAttempts: number) =>
  parseCampaignSpec({ name: 'c', script_id: 's', caller_ids: ['+861085550100'], windows: [{ start_minute: 0, end_minute: 1440 }], retry: { max_attempts: maxAttempts, busy_retry_s: 60 } });

describe('leadAfterAttempt', () => {
  it('a human conversation closes the lead', () => {
    expect(leadAfterAttempt(rules(3), { attempts: 1, refused: false }, 'answered', 0)).toEqual({ state: 'done', reason: 'answered' });
  });
  it('max_attempts 1 makes busy and no-answer final at once', () => {
    expect(leadAfterAttempt(rules(1), { attempts: 1, refused: false }, 'busy', 0)).toEqual({ state: 'done', reason: 'busy_max_attempts' });
    expect(leadAfterAttempt(rules(1), { attempts: 1, refused: false }, 'no_answer', 0).state).toBe('done');
  });
  it('retries after the outcome spacing while attempts remain; a refusal closes for good', () => {
    expect(leadAfterAttempt(rules(3), { attempts: 1, refused: false }, 'busy', 1000)).toEqual({ state: 'pending', nextAttemptMs: 61_000 });
    expect(leadAfterAttempt(rules(3), { attempts: 1, refused: true }, 'busy', 0)).toEqual({ state: 'blocked', reason: 'refused' });
  });
});

describe('outcomeOfCarrierStatus', () => {
  it.each([
    ['busy', false, '', false, 'busy'],
    ['no-answer', false, '', false, 'no_answer'],
    ['failed', false, '', false, 'failed'],
    ['canceled', false, '', false, 'failed'],
    ['completed', true, 'human', false, 'answered'],
    ['completed', true, 'machine_start', false, 'machine'],
    ['completed', true, 'human', true, 'abandoned'],
    ['completed', false, '', false, 'no_answer'],
    ['ringing', false, '', false, null],
  ] as const)('%s answered=%s by=%s abandoned=%s → %s', (status, answered, by, abandoned, expected) => {
    expect(outcomeOfCarrierStatus(status, answered, by, abandoned)).toBe(expected);
  });
});

describe('CapacityTracker', () => {
  it('sums fresh accepting instances and reserves slots for answered calls until the next report', () => {
    const c = new CapacityTracker(10_000, 4);
    expect(c.reported(0)).toBe(false);
    expect(c.free(0, 1)).toBe(3);
    c.report({ instanceId: 'a', totalSlots: 8, freeSlots: 2, activeCalls: 6, accepting: true }, 0);
    c.report({ instanceId: 'b', totalSlots: 8, freeSlots: 8, activeCalls: 0, accepting: false }, 0);
    expect(c.free(100, 0)).toBe(2);
    expect(c.tryReserve(100, 0)).toBe(true);
    expect(c.tryReserve(200, 0)).toBe(true);
    expect(c.tryReserve(300, 0)).toBe(false);
    c.report({ instanceId: 'a', totalSlots: 8, freeSlots: 1, activeCalls: 7, accepting: true }, 2000);
    expect(c.free(2000, 0)).toBe(1);
    expect(c.reported(20_000)).toBe(false);
    expect(c.free(20_000, 0)).toBe(4);
  });
});
