import type { CampaignRules } from './campaign-spec.ts';
import { retrySpacingS } from './compliance/compliance.ts';

/** Final outcome of one attempt as the dialer records it. */
export type AttemptOutcome = 'answered' | 'busy' | 'no_answer' | 'machine' | 'failed' | 'abandoned' | 'unknown';

export type LeadNext =
  | { state: 'done'; reason: string }
  | { state: 'blocked'; reason: string }
  | { state: 'pending'; nextAttemptMs: number };

/**
 * Where a lead goes after an attempt ends: a human conversation closes it; anything else is
 * retried after the outcome's spacing while attempts remain. A refusal closes it for good.
 */
export function leadAfterAttempt(
  rules: CampaignRules,
  lead: { attempts: number; refused: boolean },
  outcome: AttemptOutcome,
  nowMs: number,
): LeadNext {
  if (lead.refused) return { state: 'blocked', reason: 'refused' };
  if (outcome === 'answered') return { state: 'done', reason: 'answered' };
  if (lead.attempts >= rules.retry.maxAttempts) return { state: 'done', reason: `${outcome}_max_attempts` };
  return { state: 'pending', nextAttemptMs: nowMs + retrySpacingS(rules, outcome) * 1000 };
}

/** Map a Twilio CallStatus that ends a call to our outcome. */
export function outcomeOfCarrierStatus(status: string, answered: boolean, answeredBy: string, abandoned: boolean): AttemptOutcome | null {
  switch (status) {
    case 'busy':
      return 'busy';
    case 'no-answer':
      return 'no_answer';
    case 'failed':
    case 'canceled':
      return answered ? 'answered' : 'failed';
    case 'completed':
      if (!answered) return 'no_answer';
      if (answeredBy.startsWith('machine') || answeredBy === 'fax') return 'machine';
      return abandoned ? 'abandoned' : 'answered';
    default:
      return null;
  }
}
