// Original file: /work/main/proto/voicebot/v1/dialer.proto

import type { CampaignState as _voicebot_v1_CampaignState, CampaignState__Output as _voicebot_v1_CampaignState__Output } from '../../voicebot/v1/CampaignState.ts';

export interface CampaignStats {
  'campaign_id'?: (string);
  'state'?: (_voicebot_v1_CampaignState);
  /**
   * Leads by state.
   */
  'leads_total'?: (number);
  'leads_pending'?: (number);
  'leads_done'?: (number);
  /**
   * Attempts by live state.
   */
  'dialing'?: (number);
  'ringing'?: (number);
  'in_call'?: (number);
  /**
   * Attempts by final outcome.
   */
  'answered'?: (number);
  'busy'?: (number);
  'no_answer'?: (number);
  'machine'?: (number);
  'failed'?: (number);
  'abandoned'?: (number);
  'completed'?: (number);
  /**
   * Grades reported by the dialogue service.
   */
  'grades'?: ({[key: string]: number});
  'opt_outs'?: (number);
  /**
   * Pacing state.
   */
  'dial_level'?: (number | string);
  'answer_rate'?: (number | string);
  /**
   * Rolling abandon ratio under the campaign's rule.
   */
  'abandon_ratio'?: (number | string);
  /**
   * Leads blocked by compliance, by reason.
   */
  'blocks'?: ({[key: string]: number});
  'attempts'?: (number);
}

export interface CampaignStats__Output {
  'campaign_id': (string);
  'state': (_voicebot_v1_CampaignState__Output);
  /**
   * Leads by state.
   */
  'leads_total': (number);
  'leads_pending': (number);
  'leads_done': (number);
  /**
   * Attempts by live state.
   */
  'dialing': (number);
  'ringing': (number);
  'in_call': (number);
  /**
   * Attempts by final outcome.
   */
  'answered': (number);
  'busy': (number);
  'no_answer': (number);
  'machine': (number);
  'failed': (number);
  'abandoned': (number);
  'completed': (number);
  /**
   * Grades reported by the dialogue service.
   */
  'grades': ({[key: string]: number});
  'opt_outs': (number);
  /**
   * Pacing state.
   */
  'dial_level': (number);
  'answer_rate': (number);
  /**
   * Rolling abandon ratio under the campaign's rule.
   */
  'abandon_ratio': (number);
  /**
   * Leads blocked by compliance, by reason.
   */
  'blocks': ({[key: string]: number});
  'attempts': (number);
}
