// Original file: /work/main/proto/voicebot/v1/dialogue.proto

import type { Long } from '@grpc/proto-loader';

export interface ScriptSummary {
  'script_id'?: (string);
  'latest_version'?: (number);
  /**
   * Human title from the script.
   */
  'title'?: (string);
  /**
   * Language: "zh" or "en".
   */
  'language'?: (string);
  /**
   * Unix milliseconds of the latest upload.
   */
  'updated_at_ms'?: (number | string | Long);
}

export interface ScriptSummary__Output {
  'script_id': (string);
  'latest_version': (number);
  /**
   * Human title from the script.
   */
  'title': (string);
  /**
   * Language: "zh" or "en".
   */
  'language': (string);
  /**
   * Unix milliseconds of the latest upload.
   */
  'updated_at_ms': (number);
}
