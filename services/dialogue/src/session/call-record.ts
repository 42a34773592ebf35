import type { ConsentRecord, TurnRecord } from '../engine/conversation.ts';
import type { Grade } from '../script/schema.ts';

export type HangupParty = 'callee' | 'robot' | 'network' | 'system' | 'unspecified';

/** Everything stored about one call (the `voicebot.v1.CallRecord` content, in engine terms). */
export interface CallRecordData {
  callId: string;
  campaignId: string;
  leadId: string;
  scriptId: string;
  scriptVersion: number;
  calleeMasked: string;
  answeredBy: string;
  grade: Grade | '';
  gradeReason: string;
  turns: TurnRecord[];
  slots: Record<string, string>;
  consent: ConsentRecord | null;
  optedOut: boolean;
  optOutEvidence: string;
  refused: boolean;
  endReason: string;
  hangupParty: HangupParty;
  talkMs: number;
  answerToAudioMs: number;
  startedAtMs: number;
  endedAtMs: number;
  path: string[];
  transferredTo: string;
  bargeIns: number;
  silences: number;
  kbQuestions: number;
  refusalsByStage: Record<string, number>;
}
