// Original file: /work/main/proto/voicebot/v1/dialer.proto


export interface RetryPolicy {
  /**
   * Maximum dial attempts per lead.
   */
  'max_attempts'?: (number);
  /**
   * Minimum spacing before retrying, by outcome, in seconds.
   */
  'no_answer_retry_s'?: (number);
  'busy_retry_s'?: (number);
  'machine_retry_s'?: (number);
}

export interface RetryPolicy__Output {
  /**
   * Maximum dial attempts per lead.
   */
  'max_attempts': (number);
  /**
   * Minimum spacing before retrying, by outcome, in seconds.
   */
  'no_answer_retry_s': (number);
  'busy_retry_s': (number);
  'machine_retry_s': (number);
}
