import type { CallRecord } from '@voicebot/common/generated/voicebot/v1/CallRecord';
import type { ScriptProblem as ProtoProblem } from '@voicebot/common/generated/voicebot/v1/ScriptProblem';
import type { ScriptProblem } from '../script/load.ts';
import type { CallRecordData } from '../session/call-record.ts';

const PARTY = { callee: 'HANGUP_PARTY_CALLEE', robot: 'HANGUP_PARTY_ROBOT', network: 'HANGUP_PARTY_NETWORK', system: 'HANGUP_PARTY_SYSTEM', unspecified: 'HANGUP_PARTY_UNSPECIFIED' } as const;

export function gradeToProto(grade: string): `GRADE_${string}` {
  return grade ? `GRADE_${grade}` : 'GRADE_UNSPECIFIED';
}

export function gradeFromProto(grade: string | undefined): string {
  return grade && grade !== 'GRADE_UNSPECIFIED' ? grade.replace('GRADE_', '') : '';
}

export function recordToProto(r: CallRecordData): CallRecord {
  return {
    call_id: r.callId,
    campaign_id: r.campaignId,
    lead_id: r.leadId,
    script_id: r.scriptId,
    script_version: r.scriptVersion,
    grade: gradeToProto(r.grade) as CallRecord['grade'],
    grade_reason: r.gradeReason,
    turns: r.turns.map((t) => ({
      index: t.index,
      node_id: t.nodeId,
      prompt_id: t.promptId,
      heard_ms: t.heardMs,
      barged_in: t.bargedIn,
      transcript: t.transcript,
      intent: t.intent,
      rule: t.rule,
      confidence: t.confidence,
      start_ms: t.startMs,
      end_ms: t.endMs,
      decision_us: t.decisionUs,
    })),
    slots: r.slots,
    consent: r.consent
      ? { call_id: r.callId, node_id: r.consent.nodeId, utterance: r.consent.utterance, start_ms: r.consent.startMs, end_ms: r.consent.endMs, recorded_at_ms: r.endedAtMs || r.startedAtMs }
      : null,
    opted_out: r.optedOut,
    end_reason: r.endReason,
    hangup_party: PARTY[r.hangupParty],
    talk_ms: r.talkMs,
    started_at_ms: r.startedAtMs,
    ended_at_ms: r.endedAtMs,
    path: r.path,
    transferred_to: r.transferredTo,
  };
}

export function problemToProto(p: ScriptProblem): ProtoProblem {
  return { line: p.line, column: p.column, path: p.path, code: p.code, message: p.message, severity: p.severity };
}
