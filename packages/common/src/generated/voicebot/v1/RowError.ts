// Original file: /work/main/proto/voicebot/v1/dialer.proto


export interface RowError {
  /**
   * 1-based data row number (the header is row 0).
   */
  'row'?: (number);
  'reason'?: (string);
}

export interface RowError__Output {
  /**
   * 1-based data row number (the header is row 0).
   */
  'row': (number);
  'reason': (string);
}
