// Original file: /work/main/proto/voicebot/v1/dialer.proto

import type { RowError as _voicebot_v1_RowError, RowError__Output as _voicebot_v1_RowError__Output } from '../../voicebot/v1/RowError.ts';

export interface ImportLeadsResponse {
  'imported'?: (number);
  /**
   * Rows whose number was already present (merged).
   */
  'duplicates'?: (number);
  'errors'?: (_voicebot_v1_RowError)[];
}

export interface ImportLeadsResponse__Output {
  'imported': (number);
  /**
   * Rows whose number was already present (merged).
   */
  'duplicates': (number);
  'errors': (_voicebot_v1_RowError__Output)[];
}
