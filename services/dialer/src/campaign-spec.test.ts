import { describe, expect, it } from 'vitest';
import { parseCampaignSpec, rulesToSpec } from './campaign-spec.ts';

const base = { name: 'c', script_id: 's', caller_ids: ['010 8555 0100'], windows: [{ start_minute: 540, end_minute: 1200 }], default_region: 'CN' };

describe('parseCampaignSpec', () => {
  it('fills defaults and normalises caller ids', () => {
    const r = parseCampaignSpec(base);
    expect(r.callerIds).toEqual(['+861085550100']);
    expect(r).toMatchObject({ consentMode: 'none', timezonePolicy: 'lead', abandonRule: { kind: 'fcc_30d', threshold: 0.03 }, maxCallsPerNumber: 1, frequencyWindowHours: 24 });
    expect(parseCampaignSpec(rulesToSpec(r))).toEqual(r);
  });
  it.each([
    [{ name: '' }, /name/],
    [{ script_id: '' }, /script_id/],
    [{ caller_ids: [] }, /caller_ids/],
    [{ caller_ids: ['12'] }, /caller_ids\[0\]/],
    [{ windows: [] }, /windows/],
    [{ windows: [{ weekdays: [8], start_minute: 0, end_minute: 10 }] }, /windows\[0\]\.weekdays/],
    [{ windows: [{ start_minute: 0, end_minute: 1441 }] }, /windows\[0\]/],
    [{ timezone_policy: 'Mars/Base' }, /timezone_policy/],
    [{ holidays: ['1 Oct'] }, /holidays\[0\]/],
    [{ consent_mode: 'maybe' }, /consent_mode/],
    [{ abandon_rule: { kind: 'eu', threshold: 0.03 } }, /abandon_rule\.kind/],
    [{ abandon_rule: { kind: 'ofcom_24h', threshold: 0.9 } }, /abandon_rule\.threshold/],
    [{ carrier: 'pigeon' }, /carrier/],
    [{ max_calls_per_second: 5000 }, /max_calls_per_second/],
  ])('rejects %j naming the field', (over, field) => {
    expect(() => parseCampaignSpec({ ...base, ...over } as never)).toThrow(field);
  });
});
