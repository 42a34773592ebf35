// Original file: /work/main/proto/voicebot/v1/dialer.proto


/**
 * Calling window in the lead's local time, e.g. days [1..5], 09:00–20:00.
 */
export interface CallingWindow {
  /**
   * ISO weekdays 1 (Monday) .. 7 (Sunday); empty = every day.
   */
  'weekdays'?: (number)[];
  /**
   * Minutes after local midnight.
   */
  'start_minute'?: (number);
  'end_minute'?: (number);
}

/**
 * Calling window in the lead's local time, e.g. days [1..5], 09:00–20:00.
 */
export interface CallingWindow__Output {
  /**
   * ISO weekdays 1 (Monday) .. 7 (Sunday); empty = every day.
   */
  'weekdays': (number)[];
  /**
   * Minutes after local midnight.
   */
  'start_minute': (number);
  'end_minute': (number);
}
