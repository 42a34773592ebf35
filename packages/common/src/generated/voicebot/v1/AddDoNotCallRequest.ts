// Original file: /work/main/proto/voicebot/v1/dialer.proto


export interface AddDoNotCallRequest {
  /**
   * Any format; normalised to E.164. May be empty when `lead_id` is given.
   */
  'phone'?: (string);
  /**
   * "opt_out", "complaint", "import", "manual".
   */
  'reason'?: (string);
  /**
   * Who added it ("dialogue", a user name, a list name).
   */
  'source'?: (string);
  /**
   * Evidence: the utterance, call id, document reference.
   */
  'evidence'?: (string);
  'call_id'?: (string);
  'default_region'?: (string);
  /**
   * Lead whose number is added (the dialogue service knows the lead, not the number).
   */
  'lead_id'?: (string);
}

export interface AddDoNotCallRequest__Output {
  /**
   * Any format; normalised to E.164. May be empty when `lead_id` is given.
   */
  'phone': (string);
  /**
   * "opt_out", "complaint", "import", "manual".
   */
  'reason': (string);
  /**
   * Who added it ("dialogue", a user name, a list name).
   */
  'source': (string);
  /**
   * Evidence: the utterance, call id, document reference.
   */
  'evidence': (string);
  'call_id': (string);
  'default_region': (string);
  /**
   * Lead whose number is added (the dialogue service knows the lead, not the number).
   */
  'lead_id': (string);
}
