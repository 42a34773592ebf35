// Original file: /work/main/proto/voicebot/v1/call_session.proto


/**
 * The carrier's media stream started and the call is connected to a robot.
 */
export interface CallStarted {
  /**
   * Campaign the call belongs to.
   */
  'campaign_id'?: (string);
  /**
   * Lead dialed.
   */
  'lead_id'?: (string);
  /**
   * Carrier framing in use: "twilio", "telnyx", "plivo", "exotel", "asterisk-ws", "vonage",
   * "jambonz", "rtp", "audiosocket".
   */
  'framing'?: (string);
  /**
   * Wire codec: "pcmu", "pcma", "l16", "opus".
   */
  'codec'?: (string);
  /**
   * Wire sample rate in Hz.
   */
  'sample_rate'?: (number);
  /**
   * Script id requested by the campaign; empty means the dialogue service's default script.
   */
  'script_id'?: (string);
  /**
   * Carrier's answering-machine detection result: "human", "machine", "unknown" or empty.
   */
  'answered_by'?: (string);
  /**
   * Carrier-side call identifier (e.g. Twilio CallSid), for correlation in logs only.
   */
  'carrier_call_id'?: (string);
  /**
   * Masked callee number (last 4 digits), for logs and records.
   */
  'callee_masked'?: (string);
  /**
   * Language hint for classification: "zh" or "en"; empty = script default.
   */
  'language'?: (string);
}

/**
 * The carrier's media stream started and the call is connected to a robot.
 */
export interface CallStarted__Output {
  /**
   * Campaign the call belongs to.
   */
  'campaign_id': (string);
  /**
   * Lead dialed.
   */
  'lead_id': (string);
  /**
   * Carrier framing in use: "twilio", "telnyx", "plivo", "exotel", "asterisk-ws", "vonage",
   * "jambonz", "rtp", "audiosocket".
   */
  'framing': (string);
  /**
   * Wire codec: "pcmu", "pcma", "l16", "opus".
   */
  'codec': (string);
  /**
   * Wire sample rate in Hz.
   */
  'sample_rate': (number);
  /**
   * Script id requested by the campaign; empty means the dialogue service's default script.
   */
  'script_id': (string);
  /**
   * Carrier's answering-machine detection result: "human", "machine", "unknown" or empty.
   */
  'answered_by': (string);
  /**
   * Carrier-side call identifier (e.g. Twilio CallSid), for correlation in logs only.
   */
  'carrier_call_id': (string);
  /**
   * Masked callee number (last 4 digits), for logs and records.
   */
  'callee_masked': (string);
  /**
   * Language hint for classification: "zh" or "en"; empty = script default.
   */
  'language': (string);
}
