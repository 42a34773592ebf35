// Original file: /work/main/proto/voicebot/v1/common.proto

/**
 * Lead grade (意向等级) assigned by the dialogue service when a call ends.
 */
export const Grade = {
  GRADE_UNSPECIFIED: 'GRADE_UNSPECIFIED',
  /**
   * Consented to a callback and asked at least one knowledge-base question.
   */
  GRADE_A: 'GRADE_A',
  /**
   * Consented to a callback.
   */
  GRADE_B: 'GRADE_B',
  /**
   * Heard the product introduction, no consent.
   */
  GRADE_C: 'GRADE_C',
  /**
   * Refused twice in one stage (after the retention attempt).
   */
  GRADE_D: 'GRADE_D',
  /**
   * Hung up, went silent, or asked to be called later before the introduction.
   */
  GRADE_E: 'GRADE_E',
  /**
   * Opted out, wrong number or answering machine.
   */
  GRADE_F: 'GRADE_F',
} as const;

/**
 * Lead grade (意向等级) assigned by the dialogue service when a call ends.
 */
export type Grade =
  | 'GRADE_UNSPECIFIED'
  | 0
  /**
   * Consented to a callback and asked at least one knowledge-base question.
   */
  | 'GRADE_A'
  | 1
  /**
   * Consented to a callback.
   */
  | 'GRADE_B'
  | 2
  /**
   * Heard the product introduction, no consent.
   */
  | 'GRADE_C'
  | 3
  /**
   * Refused twice in one stage (after the retention attempt).
   */
  | 'GRADE_D'
  | 4
  /**
   * Hung up, went silent, or asked to be called later before the introduction.
   */
  | 'GRADE_E'
  | 5
  /**
   * Opted out, wrong number or answering machine.
   */
  | 'GRADE_F'
  | 6

/**
 * Lead grade (意向等级) assigned by the dialogue service when a call ends.
 */
export type Grade__Output = typeof Grade[keyof typeof Grade]
