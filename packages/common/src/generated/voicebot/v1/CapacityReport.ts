// Original file: /work/main/proto/voicebot/v1/dialer.proto


export interface CapacityReport {
  /**
   * Stable id of the media instance (pod name).
   */
  'instance_id'?: (string);
  /**
   * Robot slots: total and free (limited by ASR workers and configured max calls).
   */
  'total_slots'?: (number);
  'free_slots'?: (number);
  'active_calls'?: (number);
  /**
   * False while the instance drains; its slots are then not counted.
   */
  'accepting'?: (boolean);
}

export interface CapacityReport__Output {
  /**
   * Stable id of the media instance (pod name).
   */
  'instance_id': (string);
  /**
   * Robot slots: total and free (limited by ASR workers and configured max calls).
   */
  'total_slots': (number);
  'free_slots': (number);
  'active_calls': (number);
  /**
   * False while the instance drains; its slots are then not counted.
   */
  'accepting': (boolean);
}
