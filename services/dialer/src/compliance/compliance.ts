import type { CampaignRules } from '../campaign-spec.ts';
import { countryOf, zonesForCountry } from '../phone.ts';
import { checkCallingHours, nextAllowedTime } from './calling-hours.ts';
import { isValidTimeZone } from './local-time.ts';
import { pickCallerId, type CallerIdState } from './caller-id.ts';

/**
 * The one place that decides whether a claimed lead may be dialed now. Pure: the store gathers
 * the facts, this function judges, the store records the verdict (every block with its reason).
 */

export type BlockReason =
  | 'dnc'
  | 'refused'
  | 'consent_missing'
  | 'max_attempts'
  | 'retry_spacing'
  | 'frequency_cap'
  | 'holiday'
  | 'calling_hours'
  | 'unknown_timezone'
  | 'no_caller_id';

export interface LeadFacts {
  phone: string;
  /** IANA zone from the lead record ('' when none). */
  timezone: string;
  consent: boolean;
  refused: boolean;
  attempts: number;
  /** Outcome of the previous attempt ('' when none). */
  lastOutcome: string;
  lastAttemptEndMs: number | null;
}

export interface NumberFacts {
  /** A do-not-call entry for the number, if any. */
  dnc: { reason: string; sinceMs: number } | null;
  /** Start times of calls to this number (any campaign) within the campaign's frequency window. */
  recentCallsMs: number[];
}

export type Verdict =
  | { kind: 'dial'; callerId: string; zones: string[] }
  /** `final`: the lead is closed; otherwise it waits until `retryAtMs`. */
  | { kind: 'block'; reason: BlockReason; final: boolean; retryAtMs: number | null; detail: string };

/** Seconds to wait before the next attempt after an outcome. */
export function retrySpacingS(rules: CampaignRules, outcome: string): number {
  switch (outcome) {
    case 'busy':
      return rules.retry.busyRetryS;
    case 'machine':
      return rules.retry.machineRetryS;
    default:
      return rules.retry.noAnswerRetryS;
  }
}

/** Zones whose calling hours apply to a lead: forced by the campaign, the lead's own, else its number's country. */
export function zonesForLead(rules: CampaignRules, lead: Pick<LeadFacts, 'timezone' | 'phone'>): string[] {
  if (rules.timezonePolicy !== 'lead') return [rules.timezonePolicy];
  if (lead.timezone && isValidTimeZone(lead.timezone)) return [lead.timezone];
  return zonesForCountry(countryOf(lead.phone));
}

function block(reason: BlockReason, final: boolean, retryAtMs: number | null, detail: string): Verdict {
  return { kind: 'block', reason, final, retryAtMs, detail };
}

const CALLER_ID_RETRY_MS = 15 * 60_000;

export function decideDial(
  rules: CampaignRules,
  lead: LeadFacts,
  number: NumberFacts,
  callerIds: readonly CallerIdState[],
  nowMs: number,
): Verdict {
  if (number.dnc) return block('dnc', true, null, `on do-not-call list (${number.dnc.reason})`);
  if (lead.refused) return block('refused', true, null, 'callee refused explicitly');
  if (rules.consentMode === 'required' && !lead.consent) return block('consent_missing', true, null, 'campaign requires prior consent');
  if (lead.attempts >= rules.retry.maxAttempts) return block('max_attempts', true, null, `${lead.attempts} of ${rules.retry.maxAttempts} attempts made`);
  if (lead.lastAttemptEndMs !== null && lead.lastOutcome) {
    const due = lead.lastAttemptEndMs + retrySpacingS(rules, lead.lastOutcome) * 1000;
    if (due > nowMs) return block('retry_spacing', false, due, `after ${lead.lastOutcome} wait until ${new Date(due).toISOString()}`);
  }
  const windowMs = rules.frequencyWindowHours * 3600_000;
  const recent = number.recentCallsMs.filter((t) => t > nowMs - windowMs).sort((a, b) => a - b);
  if (rules.maxCallsPerNumber > 0 && recent.length >= rules.maxCallsPerNumber) {
    const due = recent[recent.length - rules.maxCallsPerNumber]! + windowMs;
    return block('frequency_cap', false, due, `${recent.length} calls in ${rules.frequencyWindowHours} h`);
  }
  const zones = zonesForLead(rules, lead);
  if (zones.length === 0) return block('unknown_timezone', true, null, 'no timezone on the lead and none known for its number');
  const hours = checkCallingHours(nowMs, zones, rules.windows, rules.holidays);
  if (!hours.ok) {
    const next = nextAllowedTime(nowMs, zones, rules.windows, rules.holidays);
    return block(hours.reason, false, next ?? nowMs + 24 * 3600_000, `outside calling hours in ${hours.zone}`);
  }
  const callerId = pickCallerId(callerIds, rules.callerIdDailyCap, nowMs);
  if (!callerId) return block('no_caller_id', false, nowMs + CALLER_ID_RETRY_MS, 'every caller id is quarantined or at its daily cap');
  return { kind: 'dial', callerId, zones };
}
