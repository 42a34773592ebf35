// Original file: /work/main/proto/voicebot/v1/dialer.proto

import type { CallingWindow as _voicebot_v1_CallingWindow, CallingWindow__Output as _voicebot_v1_CallingWindow__Output } from '../../voicebot/v1/CallingWindow.ts';
import type { RetryPolicy as _voicebot_v1_RetryPolicy, RetryPolicy__Output as _voicebot_v1_RetryPolicy__Output } from '../../voicebot/v1/RetryPolicy.ts';
import type { AbandonRule as _voicebot_v1_AbandonRule, AbandonRule__Output as _voicebot_v1_AbandonRule__Output } from '../../voicebot/v1/AbandonRule.ts';

export interface CampaignSpec {
  'name'?: (string);
  /**
   * Dialogue script id the robot runs.
   */
  'script_id'?: (string);
  /**
   * Caller ids to rotate through (E.164).
   */
  'caller_ids'?: (string)[];
  'windows'?: (_voicebot_v1_CallingWindow)[];
  /**
   * "lead" (lead's own timezone, else from the number) or an IANA zone forced for all leads.
   */
  'timezone_policy'?: (string);
  'retry'?: (_voicebot_v1_RetryPolicy | null);
  /**
   * Frequency cap: at most `max_calls_per_number` calls to one number within `window_hours`.
   */
  'max_calls_per_number'?: (number);
  'frequency_window_hours'?: (number);
  /**
   * "none" or "required" (only leads with recorded prior consent are dialed).
   */
  'consent_mode'?: (string);
  'abandon_rule'?: (_voicebot_v1_AbandonRule | null);
  /**
   * Hard caps.
   */
  'max_concurrent_calls'?: (number);
  'max_calls_per_second'?: (number | string);
  /**
   * Carrier adapter name: "simulator", "twilio", "ari".
   */
  'carrier'?: (string);
  /**
   * Default region for parsing national numbers, e.g. "CN", "US".
   */
  'default_region'?: (string);
  /**
   * Short identification message played on an abandoned call (prompt id).
   */
  'abandon_prompt_id'?: (string);
  /**
   * Local dates (YYYY-MM-DD, in the lead's time zone) on which no calls are placed.
   */
  'holidays'?: (string)[];
  /**
   * Calls per caller id per day across campaigns (0 = unlimited); rotation skips capped ids.
   */
  'caller_id_daily_cap'?: (number);
}

export interface CampaignSpec__Output {
  'name': (string);
  /**
   * Dialogue script id the robot runs.
   */
  'script_id': (string);
  /**
   * Caller ids to rotate through (E.164).
   */
  'caller_ids': (string)[];
  'windows': (_voicebot_v1_CallingWindow__Output)[];
  /**
   * "lead" (lead's own timezone, else from the number) or an IANA zone forced for all leads.
   */
  'timezone_policy': (string);
  'retry': (_voicebot_v1_RetryPolicy__Output | null);
  /**
   * Frequency cap: at most `max_calls_per_number` calls to one number within `window_hours`.
   */
  'max_calls_per_number': (number);
  'frequency_window_hours': (number);
  /**
   * "none" or "required" (only leads with recorded prior consent are dialed).
   */
  'consent_mode': (string);
  'abandon_rule': (_voicebot_v1_AbandonRule__Output | null);
  /**
   * Hard caps.
   */
  'max_concurrent_calls': (number);
  'max_calls_per_second': (number);
  /**
   * Carrier adapter name: "simulator", "twilio", "ari".
   */
  'carrier': (string);
  /**
   * Default region for parsing national numbers, e.g. "CN", "US".
   */
  'default_region': (string);
  /**
   * Short identification message played on an abandoned call (prompt id).
   */
  'abandon_prompt_id': (string);
  /**
   * Local dates (YYYY-MM-DD, in the lead's time zone) on which no calls are placed.
   */
  'holidays': (string)[];
  /**
   * Calls per caller id per day across campaigns (0 = unlimited); rotation skips capped ids.
   */
  'caller_id_daily_cap': (number);
}
