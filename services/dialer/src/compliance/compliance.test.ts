import { describe, expect, it } from 'vitest';
import { parseCampaignSpec, type CampaignRules } from '../campaign-spec.ts';
import { pickCallerId, usageDay, type CallerIdState } from './caller-id.ts';
import { checkCallingHours, nextAllowedTime } from './calling-hours.ts';
import { decideDial, retrySpacingS, zonesForLead, type LeadFacts, type NumberFacts, type Verdict } from './compliance.ts';

const HOUR = 3600_000;
/** Wednesday 2026-11-18 04:00 UTC = 12:00 in Shanghai. */
const WED_NOON_SHANGHAI = Date.UTC(2026, 10, 18, 4, 0);

function rules(over: Record<string, unknown> = {}): CampaignRules {
  return parseCampaignSpec({
    name: 'c',
    script_id: 's',
    caller_ids: ['+861085550100', '+861085550101'],
    windows: [{ weekdays: [1, 2, 3, 4, 5], start_minute: 9 * 60, end_minute: 20 * 60 }],
    timezone_policy: 'lead',
    retry: { max_attempts: 3, no_answer_retry_s: 3600, busy_retry_s: 600, machine_retry_s: 7200 },
    max_calls_per_number: 1,
    frequency_window_hours: 24,
    consent_mode: 'none',
    default_region: 'CN',
    ...over,
  });
}

const lead = (over: Partial<LeadFacts> = {}): LeadFacts => ({
  phone: '+8613800000000',
  timezone: 'Asia/Shanghai',
  consent: false,
  refused: false,
  attempts: 0,
  lastOutcome: '',
  lastAttemptEndMs: null,
  ...over,
});
const clean: NumberFacts = { dnc: null, recentCallsMs: [] };
const ids = (r: CampaignRules): CallerIdState[] => r.callerIds.map((callerId) => ({ callerId, callsToday: 0, quarantinedUntilMs: null }));

function decide(r: CampaignRules, l: LeadFacts, n: NumberFacts = clean, now = WED_NOON_SHANGHAI, c: CallerIdState[] = ids(r)): Verdict {
  return decideDial(r, l, n, c, now);
}

function blocked(v: Verdict) {
  if (v.kind !== 'block') throw new Error(`expected a block, got dial with ${v.callerId}`);
  return v;
}

describe('decideDial', () => {
  it('dials a clean lead inside its window with a caller id', () => {
    expect(decide(rules(), lead())).toEqual({ kind: 'dial', callerId: '+861085550100', zones: ['Asia/Shanghai'] });
  });

  describe('do-not-call', () => {
    it('blocks for good a number on the list, whatever else holds', () => {
      const v = blocked(decide(rules({ consent_mode: 'required' }), lead({ consent: false, attempts: 9 }), { dnc: { reason: 'opt_out', sinceMs: 1 }, recentCallsMs: [] }));
      expect(v).toMatchObject({ reason: 'dnc', final: true, retryAtMs: null });
      expect(v.detail).toContain('opt_out');
    });
  });

  describe('refusal and consent', () => {
    it('stops after an explicit refusal', () => {
      expect(blocked(decide(rules(), lead({ refused: true })))).toMatchObject({ reason: 'refused', final: true });
    });
    it('requires recorded consent when the campaign says so', () => {
      expect(blocked(decide(rules({ consent_mode: 'required' }), lead()))).toMatchObject({ reason: 'consent_missing', final: true });
      expect(decide(rules({ consent_mode: 'required' }), lead({ consent: true })).kind).toBe('dial');
    });
    it('ignores consent when the campaign does not require it', () => {
      expect(decide(rules({ consent_mode: 'none' }), lead({ consent: false })).kind).toBe('dial');
    });
  });

  describe('attempts and retry spacing', () => {
    it('closes a lead at its maximum attempts', () => {
      expect(blocked(decide(rules(), lead({ attempts: 3 })))).toMatchObject({ reason: 'max_attempts', final: true });
      expect(decide(rules(), lead({ attempts: 2 })).kind).toBe('dial');
    });
    it('max_attempts 1 closes a lead after its only attempt', () => {
      expect(blocked(decide(rules({ retry: { max_attempts: 1 } }), lead({ attempts: 1, lastOutcome: 'busy', lastAttemptEndMs: 0 })))).toMatchObject({
        reason: 'max_attempts',
        final: true,
      });
    });
    it.each([
      ['no_answer', 3600],
      ['busy', 600],
      ['machine', 7200],
      ['failed', 3600],
    ])('waits the %s spacing (%i s) before retrying', (outcome, spacingS) => {
      const r = rules({ max_calls_per_number: 0 });
      const end = WED_NOON_SHANGHAI - (spacingS - 60) * 1000;
      const v = blocked(decide(r, lead({ attempts: 1, lastOutcome: outcome, lastAttemptEndMs: end })));
      expect(v).toMatchObject({ reason: 'retry_spacing', final: false, retryAtMs: end + spacingS * 1000 });
      expect(decide(r, lead({ attempts: 1, lastOutcome: outcome, lastAttemptEndMs: WED_NOON_SHANGHAI - spacingS * 1000 })).kind).toBe('dial');
      expect(retrySpacingS(r, outcome)).toBe(spacingS);
    });
  });

  describe('frequency caps per number', () => {
    it('allows one call per 24 h by default and says when the next is allowed', () => {
      const last = WED_NOON_SHANGHAI - 23 * HOUR;
      expect(blocked(decide(rules(), lead(), { dnc: null, recentCallsMs: [last] }))).toMatchObject({ reason: 'frequency_cap', final: false, retryAtMs: last + 24 * HOUR });
      expect(decide(rules(), lead(), { dnc: null, recentCallsMs: [WED_NOON_SHANGHAI - 25 * HOUR] }).kind).toBe('dial');
    });
    it('honours a configured cap and window', () => {
      const r = rules({ max_calls_per_number: 2, frequency_window_hours: 168 });
      const calls = [WED_NOON_SHANGHAI - 100 * HOUR, WED_NOON_SHANGHAI - 10 * HOUR];
      expect(decide(r, lead(), { dnc: null, recentCallsMs: calls.slice(1) }).kind).toBe('dial');
      expect(blocked(decide(r, lead(), { dnc: null, recentCallsMs: calls }))).toMatchObject({ reason: 'frequency_cap', retryAtMs: calls[0]! + 168 * HOUR });
    });
  });

  describe('calling hours in the lead local time', () => {
    it('blocks before the window opens and names the next opening', () => {
      const early = Date.UTC(2026, 10, 18, 0, 30); // 08:30 Shanghai
      const v = blocked(decide(rules(), lead(), clean, early));
      expect(v).toMatchObject({ reason: 'calling_hours', final: false, retryAtMs: Date.UTC(2026, 10, 18, 1, 0) });
    });
    it('blocks after the window closes (end is exclusive) until the next weekday morning', () => {
      const friday8pm = Date.UTC(2026, 10, 20, 12, 0); // Friday 20:00 Shanghai
      const v = blocked(decide(rules(), lead(), clean, friday8pm));
      expect(v.retryAtMs).toBe(Date.UTC(2026, 10, 23, 1, 0)); // Monday 09:00
    });
    it('uses the lead own zone, not the dialer clock', () => {
      const r = rules();
      const now = Date.UTC(2026, 10, 18, 15, 0); // 23:00 Shanghai, 10:00 New York
      expect(decide(r, lead({ timezone: 'America/New_York', phone: '+12125550123' }), clean, now).kind).toBe('dial');
      expect(blocked(decide(r, lead(), clean, now)).reason).toBe('calling_hours');
    });
    it('without a zone on the lead, every zone of the number country must be in the window', () => {
      const r = rules();
      const nineEastern = Date.UTC(2026, 10, 18, 14, 0); // 09:00 New York, 06:00 Los Angeles
      const v = blocked(decide(r, lead({ timezone: '', phone: '+12125550123' }), clean, nineEastern));
      expect(v.reason).toBe('calling_hours');
      expect(zonesForLead(r, { timezone: '', phone: '+12125550123' })).toContain('Pacific/Honolulu');
      expect(decide(r, lead({ timezone: '', phone: '+12125550123' }), clean, Date.UTC(2026, 10, 18, 20, 0)).kind).toBe('dial'); // 15:00 ET, 10:00 HST
    });
    it('a forced campaign zone overrides the lead zone', () => {
      const r = rules({ timezone_policy: 'Europe/London' });
      expect(zonesForLead(r, lead())).toEqual(['Europe/London']);
      expect(blocked(decide(r, lead(), clean, WED_NOON_SHANGHAI)).reason).toBe('calling_hours'); // 04:00 London
    });
    it('follows daylight saving time', () => {
      const r = rules();
      const ny = lead({ timezone: 'America/New_York', phone: '+12125550123' });
      expect(blocked(decide(r, ny, clean, Date.UTC(2026, 0, 14, 13, 30))).reason).toBe('calling_hours'); // 08:30 EST
      expect(decide(r, ny, clean, Date.UTC(2026, 6, 15, 13, 30)).kind).toBe('dial'); // 09:30 EDT
    });
    it('blocks on holidays in the lead local date', () => {
      const r = rules({ holidays: ['2026-10-01'], windows: [{ weekdays: [], start_minute: 0, end_minute: 1440 }] });
      const v = blocked(decide(r, lead(), clean, Date.UTC(2026, 8, 30, 17, 0))); // Oct 1 01:00 Shanghai
      expect(v).toMatchObject({ reason: 'holiday', final: false, retryAtMs: Date.UTC(2026, 8, 30, 16, 0) + 24 * HOUR });
      expect(decide(r, lead(), clean, Date.UTC(2026, 8, 30, 15, 0)).kind).toBe('dial'); // Sep 30 23:00 Shanghai
    });
    it('a 00:00–24:00 every-day window dials at any hour', () => {
      const r = rules({ windows: [{ weekdays: [], start_minute: 0, end_minute: 1440 }] });
      for (let h = 0; h < 24 * 7; h += 5) expect(decide(r, lead(), clean, WED_NOON_SHANGHAI + h * HOUR).kind).toBe('dial');
    });
    it('closes a lead whose zone cannot be known', () => {
      expect(blocked(decide(rules(), lead({ timezone: '', phone: '+74951234567' })))).toMatchObject({ reason: 'unknown_timezone', final: true });
    });
  });

  describe('caller-id rotation', () => {
    it('rotates to the least used caller id today', () => {
      const r = rules();
      const c = ids(r);
      c[0]!.callsToday = 5;
      expect(decide(r, lead(), clean, WED_NOON_SHANGHAI, c)).toMatchObject({ kind: 'dial', callerId: '+861085550101' });
    });
    it('skips ids at their daily cap and quarantined ids', () => {
      const r = rules({ caller_id_daily_cap: 10 });
      const c = ids(r);
      c[0]!.quarantinedUntilMs = WED_NOON_SHANGHAI + HOUR;
      c[1]!.callsToday = 9;
      expect(decide(r, lead(), clean, WED_NOON_SHANGHAI, c)).toMatchObject({ kind: 'dial', callerId: '+861085550101' });
      c[1]!.callsToday = 10;
      expect(blocked(decide(r, lead(), clean, WED_NOON_SHANGHAI, c))).toMatchObject({ reason: 'no_caller_id', final: false });
      c[0]!.quarantinedUntilMs = WED_NOON_SHANGHAI;
      expect(decide(r, lead(), clean, WED_NOON_SHANGHAI, c)).toMatchObject({ kind: 'dial', callerId: '+861085550100' });
    });
    it('pickCallerId and the usage day', () => {
      expect(pickCallerId([], 0, 0)).toBeNull();
      expect(usageDay(Date.UTC(2026, 10, 18, 23, 59))).toBe('2026-11-18');
    });
  });
});

describe('calling windows', () => {
  const w = [{ weekdays: [6, 7], startMinute: 600, endMinute: 720 }];
  it('weekday filters use ISO numbering in the zone', () => {
    expect(checkCallingHours(Date.UTC(2026, 10, 21, 2, 30), ['Asia/Shanghai'], w, []).ok).toBe(true); // Sat 10:30
    expect(checkCallingHours(Date.UTC(2026, 10, 20, 2, 30), ['Asia/Shanghai'], w, []).ok).toBe(false); // Fri 10:30
  });
  it('nextAllowedTime never returns an instant before the window opens', () => {
    const from = Date.UTC(2026, 10, 20, 2, 31);
    const next = nextAllowedTime(from, ['Asia/Shanghai'], w, [])!;
    expect(next).toBe(Date.UTC(2026, 10, 21, 2, 0));
    expect(checkCallingHours(next, ['Asia/Shanghai'], w, []).ok).toBe(true);
    expect(checkCallingHours(next - 60_000, ['Asia/Shanghai'], w, []).ok).toBe(false);
  });
  it('returns null when nothing opens within the horizon', () => {
    const days = Array.from({ length: 12 }, (_, i) => `2026-11-${String(20 + i).padStart(2, '0')}`).concat(['2026-12-01', '2026-12-02']);
    expect(nextAllowedTime(Date.UTC(2026, 10, 20, 0, 0), ['Asia/Shanghai'], [{ weekdays: [], startMinute: 0, endMinute: 1440 }], days)).toBeNull();
  });
});
