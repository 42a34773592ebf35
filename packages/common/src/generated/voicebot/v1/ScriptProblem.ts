// Original file: /work/main/proto/voicebot/v1/dialogue.proto


export interface ScriptProblem {
  /**
   * 1-based line and column in the uploaded source (0 when not tied to a place).
   */
  'line'?: (number);
  'column'?: (number);
  /**
   * JSON-pointer-like path of the offending element, e.g. "/nodes/invite_1/intents/affirmative".
   */
  'path'?: (string);
  /**
   * Machine-readable code, e.g. "unreachable_node", "dead_end", "missing_prompt".
   */
  'code'?: (string);
  'message'?: (string);
  /**
   * "error" blocks upload; "warning" does not.
   */
  'severity'?: (string);
}

export interface ScriptProblem__Output {
  /**
   * 1-based line and column in the uploaded source (0 when not tied to a place).
   */
  'line': (number);
  'column': (number);
  /**
   * JSON-pointer-like path of the offending element, e.g. "/nodes/invite_1/intents/affirmative".
   */
  'path': (string);
  /**
   * Machine-readable code, e.g. "unreachable_node", "dead_end", "missing_prompt".
   */
  'code': (string);
  'message': (string);
  /**
   * "error" blocks upload; "warning" does not.
   */
  'severity': (string);
}
