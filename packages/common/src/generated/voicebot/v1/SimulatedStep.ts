// Original file: /work/main/proto/voicebot/v1/dialogue.proto


export interface SimulatedStep {
  /**
   * The prompt the robot played.
   */
  'node_id'?: (string);
  'prompt_id'?: (string);
  'prompt_text'?: (string);
  /**
   * The callee's reply and how it was classified.
   */
  'utterance'?: (string);
  'intent'?: (string);
  'rule'?: (string);
}

export interface SimulatedStep__Output {
  /**
   * The prompt the robot played.
   */
  'node_id': (string);
  'prompt_id': (string);
  'prompt_text': (string);
  /**
   * The callee's reply and how it was classified.
   */
  'utterance': (string);
  'intent': (string);
  'rule': (string);
}
