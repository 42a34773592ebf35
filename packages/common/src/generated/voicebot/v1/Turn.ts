// Original file: /work/main/proto/voicebot/v1/dialogue.proto


/**
 * One exchange: the prompt the robot played and what the callee answered.
 */
export interface Turn {
  /**
   * 1-based turn index.
   */
  'index'?: (number);
  /**
   * Script node the robot was at.
   */
  'node_id'?: (string);
  /**
   * Prompt played.
   */
  'prompt_id'?: (string);
  /**
   * How much of the prompt was heard (ms) and whether it was cut by a barge-in.
   */
  'heard_ms'?: (number);
  'barged_in'?: (boolean);
  /**
   * Callee's transcript ("" for silence).
   */
  'transcript'?: (string);
  /**
   * Classified intent: "affirmative", "negative", "unrecognised", "optout", "transfer", "kb:<id>",
   * "silence", "dtmf:<digit>", ...
   */
  'intent'?: (string);
  /**
   * The rule that fired and the words it matched, e.g. "invite_1.affirmative keyword '可以'".
   */
  'rule'?: (string);
  /**
   * ASR confidence of the transcript.
   */
  'confidence'?: (number | string);
  /**
   * Stream time span of the utterance.
   */
  'start_ms'?: (number);
  'end_ms'?: (number);
  /**
   * Time to decide, in microseconds.
   */
  'decision_us'?: (number);
}

/**
 * One exchange: the prompt the robot played and what the callee answered.
 */
export interface Turn__Output {
  /**
   * 1-based turn index.
   */
  'index': (number);
  /**
   * Script node the robot was at.
   */
  'node_id': (string);
  /**
   * Prompt played.
   */
  'prompt_id': (string);
  /**
   * How much of the prompt was heard (ms) and whether it was cut by a barge-in.
   */
  'heard_ms': (number);
  'barged_in': (boolean);
  /**
   * Callee's transcript ("" for silence).
   */
  'transcript': (string);
  /**
   * Classified intent: "affirmative", "negative", "unrecognised", "optout", "transfer", "kb:<id>",
   * "silence", "dtmf:<digit>", ...
   */
  'intent': (string);
  /**
   * The rule that fired and the words it matched, e.g. "invite_1.affirmative keyword '可以'".
   */
  'rule': (string);
  /**
   * ASR confidence of the transcript.
   */
  'confidence': (number);
  /**
   * Stream time span of the utterance.
   */
  'start_ms': (number);
  'end_ms': (number);
  /**
   * Time to decide, in microseconds.
   */
  'decision_us': (number);
}
