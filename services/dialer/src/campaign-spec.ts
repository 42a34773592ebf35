import type { CampaignSpec } from '@voicebot/common/generated/voicebot/v1/CampaignSpec';
import { dialerError } from './errors.ts';
import { isValidTimeZone } from './compliance/local-time.ts';
import { normalisePhone } from './phone.ts';

/** A calling window in local time: ISO weekdays (empty = all), minutes after midnight [start, end). */
export interface Window {
  weekdays: number[];
  startMinute: number;
  endMinute: number;
}

/** A campaign's rules, validated and with defaults filled in: what pacing and compliance read. */
export interface CampaignRules {
  name: string;
  scriptId: string;
  callerIds: string[];
  windows: Window[];
  /** "lead" or a forced IANA zone. */
  timezonePolicy: string;
  /** Local dates (YYYY-MM-DD) with no calls. */
  holidays: string[];
  retry: { maxAttempts: number; noAnswerRetryS: number; busyRetryS: number; machineRetryS: number };
  maxCallsPerNumber: number;
  frequencyWindowHours: number;
  consentMode: 'none' | 'required';
  abandonRule: { kind: 'fcc_30d' | 'ofcom_24h'; threshold: number };
  maxConcurrentCalls: number;
  maxCallsPerSecond: number;
  carrier: string;
  defaultRegion: string;
  abandonPromptId: string;
  /** Calls per caller id per day (0 = unlimited). */
  callerIdDailyCap: number;
}

/** A campaign spec as the API carries it. */
export type SpecInput = CampaignSpec;

function invalid(field: string, why: string): Error {
  return dialerError('DIALER_ERR_INVALID_CAMPAIGN', `campaign spec ${field}: ${why}`);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Validate a spec from the API; every error names its field. */
export function parseCampaignSpec(spec: SpecInput | null | undefined): CampaignRules {
  if (!spec) throw invalid('spec', 'missing');
  const name = (spec.name ?? '').trim();
  if (!name) throw invalid('name', 'required');
  const region = (spec.default_region || 'CN').toUpperCase();
  const callerIds = (spec.caller_ids ?? []).map((raw, i) => {
    const e164 = normalisePhone(raw, region);
    if (!e164.ok) throw invalid(`caller_ids[${i}]`, `${e164.reason} (${JSON.stringify(raw)})`);
    return e164.e164;
  });
  if (callerIds.length === 0) throw invalid('caller_ids', 'at least one caller id is required');
  const windows = (spec.windows ?? []).map((w, i) => {
    const weekdays = (w.weekdays ?? []).map(Number);
    if (weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) throw invalid(`windows[${i}].weekdays`, 'ISO weekdays are 1..7');
    const startMinute = Number(w.start_minute ?? 0);
    const endMinute = Number(w.end_minute ?? 0);
    if (!(startMinute >= 0 && endMinute <= 1440 && startMinute < endMinute)) {
      throw invalid(`windows[${i}]`, `need 0 <= start_minute < end_minute <= 1440 (got ${startMinute}..${endMinute})`);
    }
    return { weekdays, startMinute, endMinute };
  });
  if (windows.length === 0) throw invalid('windows', 'at least one calling window is required');
  const timezonePolicy = spec.timezone_policy || 'lead';
  if (timezonePolicy !== 'lead' && !isValidTimeZone(timezonePolicy)) throw invalid('timezone_policy', `"${timezonePolicy}" is neither "lead" nor an IANA zone`);
  const holidays = spec.holidays ?? [];
  holidays.forEach((d, i) => {
    if (!DAY.test(d)) throw invalid(`holidays[${i}]`, `"${d}" is not YYYY-MM-DD`);
  });
  const r = spec.retry ?? {};
  const retry = {
    maxAttempts: Number(r.max_attempts || 3),
    noAnswerRetryS: Number(r.no_answer_retry_s ?? 0) || 3600,
    busyRetryS: Number(r.busy_retry_s ?? 0) || 900,
    machineRetryS: Number(r.machine_retry_s ?? 0) || 7200,
  };
  if (retry.maxAttempts > 20) throw invalid('retry.max_attempts', 'at most 20');
  const consentMode = spec.consent_mode || 'none';
  if (consentMode !== 'none' && consentMode !== 'required') throw invalid('consent_mode', `"${consentMode}" is not "none" or "required"`);
  const kind = spec.abandon_rule?.kind || 'fcc_30d';
  if (kind !== 'fcc_30d' && kind !== 'ofcom_24h') throw invalid('abandon_rule.kind', `"${kind}" is not "fcc_30d" or "ofcom_24h"`);
  const threshold = Number(spec.abandon_rule?.threshold || 0.03);
  if (!(threshold > 0 && threshold <= 0.5)) throw invalid('abandon_rule.threshold', 'must be in (0, 0.5]');
  const maxConcurrentCalls = Number(spec.max_concurrent_calls || 10);
  const maxCallsPerSecond = Number(spec.max_calls_per_second || 1);
  if (!(maxCallsPerSecond > 0 && maxCallsPerSecond <= 1000)) throw invalid('max_calls_per_second', 'must be in (0, 1000]');
  const carrier = spec.carrier || 'simulator';
  if (!['simulator', 'twilio', 'ari'].includes(carrier)) throw invalid('carrier', `"${carrier}" is not simulator, twilio or ari`);
  const scriptId = spec.script_id || '';
  if (!scriptId) throw invalid('script_id', 'required');
  return {
    name,
    scriptId,
    callerIds,
    windows,
    timezonePolicy,
    holidays,
    retry,
    maxCallsPerNumber: Number(spec.max_calls_per_number || 1),
    frequencyWindowHours: Number(spec.frequency_window_hours || 24),
    consentMode,
    abandonRule: { kind, threshold },
    maxConcurrentCalls,
    maxCallsPerSecond,
    carrier,
    defaultRegion: region,
    abandonPromptId: spec.abandon_prompt_id || 'abandon',
    callerIdDailyCap: Number(spec.caller_id_daily_cap || 0),
  };
}

/** The rules back in proto shape (for Campaign responses). */
export function rulesToSpec(rules: CampaignRules): SpecInput {
  return {
    name: rules.name,
    script_id: rules.scriptId,
    caller_ids: rules.callerIds,
    windows: rules.windows.map((w) => ({ weekdays: w.weekdays, start_minute: w.startMinute, end_minute: w.endMinute })),
    timezone_policy: rules.timezonePolicy,
    holidays: rules.holidays,
    retry: {
      max_attempts: rules.retry.maxAttempts,
      no_answer_retry_s: rules.retry.noAnswerRetryS,
      busy_retry_s: rules.retry.busyRetryS,
      machine_retry_s: rules.retry.machineRetryS,
    },
    max_calls_per_number: rules.maxCallsPerNumber,
    frequency_window_hours: rules.frequencyWindowHours,
    consent_mode: rules.consentMode,
    abandon_rule: { kind: rules.abandonRule.kind, threshold: rules.abandonRule.threshold },
    max_concurrent_calls: rules.maxConcurrentCalls,
    max_calls_per_second: rules.maxCallsPerSecond,
    carrier: rules.carrier,
    default_region: rules.defaultRegion,
    abandon_prompt_id: rules.abandonPromptId,
    caller_id_daily_cap: rules.callerIdDailyCap,
  };
}
