// Original file: /work/main/proto/voicebot/v1/dialogue.proto

import type { Grade as _voicebot_v1_Grade, Grade__Output as _voicebot_v1_Grade__Output } from '../../voicebot/v1/Grade.ts';
import type { Long } from '@grpc/proto-loader';

export interface ListCallRecordsRequest {
  /**
   * Filter by campaign ("" = all).
   */
  'campaign_id'?: (string);
  /**
   * Filter by grade (UNSPECIFIED = all).
   */
  'grade'?: (_voicebot_v1_Grade);
  /**
   * Time range on started_at (Unix ms; 0 = open).
   */
  'from_ms'?: (number | string | Long);
  'to_ms'?: (number | string | Long);
  /**
   * Page size (default 100, max 1000) and opaque continuation token.
   */
  'limit'?: (number);
  'page_token'?: (string);
}

export interface ListCallRecordsRequest__Output {
  /**
   * Filter by campaign ("" = all).
   */
  'campaign_id': (string);
  /**
   * Filter by grade (UNSPECIFIED = all).
   */
  'grade': (_voicebot_v1_Grade__Output);
  /**
   * Time range on started_at (Unix ms; 0 = open).
   */
  'from_ms': (number);
  'to_ms': (number);
  /**
   * Page size (default 100, max 1000) and opaque continuation token.
   */
  'limit': (number);
  'page_token': (string);
}
