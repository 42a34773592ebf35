import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '@voicebot/common';
import type { MediaEvent__Output } from '@voicebot/common/generated/voicebot/v1/MediaEvent';
import { loadScript } from '../script/load.ts';
import { CallSession } from './call-session.ts';

const script = loadScript(fs.readFileSync(fromRoot('services/dialogue/scripts/loan-zh.yaml'), 'utf8'), 1).compiled;
const PHRASES = ['可以', '不需要', '你是谁', '别再打了', '转人工', '我想借五万', '装修', '嗯', '打错了', '在开车', '', '好的不用了', 'ok'];

type Step =
  | { kind: 'say'; text: string; confidence: number }
  | { kind: 'mark'; which: number }
  | { kind: 'interrupt'; which: number }
  | { kind: 'silence' }
  | { kind: 'dtmf'; digit: string }
  | { kind: 'duplicate' }
  | { kind: 'end' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('say' as const), text: fc.oneof(fc.constantFrom(...PHRASES), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 })), confidence: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('mark' as const), which: fc.nat(40) }),
  fc.record({ kind: fc.constant('interrupt' as const), which: fc.nat(40) }),
  fc.record({ kind: fc.constant('silence' as const) }),
  fc.record({ kind: fc.constant('dtmf' as const), digit: fc.constantFrom('0', '1', '2', '9', '#') }),
  fc.record({ kind: fc.constant('duplicate' as const) }),
  fc.record({ kind: fc.constant('end' as const) }),
);

describe('CallSession under arbitrary event sequences', () => {
  it('never throws, never speaks after hanging up, and always grades a finished call', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.boolean(), (steps, machine) => {
        const s = new CallSession(
          { callId: 'c', startedAtMs: 0, started: { campaign_id: 'x', lead_id: 'l', framing: '', codec: '', sample_rate: 8000, script_id: '', answered_by: machine ? 'machine' : 'human', carrier_call_id: '', callee_masked: '', language: '' } },
          script,
          () => 0,
        );
        const playIds: string[] = [];
        let seq = 1;
        let hungUp = false;
        let lastCommandSeq = 0;
        const check = (cmds: ReturnType<CallSession['start']>['commands']): void => {
          for (const c of cmds) {
            expect(Number(c.seq)).toBeGreaterThan(lastCommandSeq);
            lastCommandSeq = Number(c.seq);
            if (c.play_prompt) {
              expect(hungUp).toBe(false);
              playIds.push(c.play_prompt.play_id!);
            }
            if (c.hang_up || c.transfer) hungUp = true;
          }
        };
        check(s.start(1).commands);
        for (const st of steps) {
          if (s.isFinished) break;
          const base = { call_id: 'c', seq: st.kind === 'duplicate' ? seq : ++seq, stream_time_ms: seq * 100 };
          let ev: Partial<MediaEvent__Output>;
          switch (st.kind) {
            case 'say':
              ev = { event: 'final_transcript', final_transcript: { text: st.text, confidence: st.confidence, start_ms: 0, end_ms: 0, during_playback: false } };
              break;
            case 'mark':
              ev = { event: 'playback_mark', playback_mark: { play_id: playIds[st.which % Math.max(1, playIds.length)] ?? 'none', prompt_id: 'p' } };
              break;
            case 'interrupt':
              ev = { event: 'playback_interrupted', playback_interrupted: { play_id: playIds[st.which % Math.max(1, playIds.length)] ?? 'none', prompt_id: 'p', heard_ms: 10, prompt_ms: 100, reason: 'barge_in_speech', speech_onset_ms: 0, latency_ms: 1 } };
              break;
            case 'silence':
              ev = { event: 'silence_timeout', silence_timeout: { silence_ms: 6000 } };
              break;
            case 'dtmf':
              ev = { event: 'dtmf', dtmf: { digit: st.digit, duration_ms: 0 } };
              break;
            case 'duplicate':
              ev = { event: 'silence_timeout', silence_timeout: { silence_ms: 1 } };
              break;
            case 'end':
              ev = { event: 'call_ended', call_ended: { party: 'HANGUP_PARTY_CALLEE', reason: 'carrier_stop', duration_ms: 1000, answer_to_audio_ms: 0 } };
              break;
          }
          check(s.handle({ ...base, ...ev } as MediaEvent__Output, 0).commands);
        }
        s.abandon(0, 'stream_closed');
        const rec = s.record();
        expect(['A', 'B', 'C', 'D', 'E', 'F']).toContain(rec.grade);
        if (machine) expect(rec.grade).toBe('F');
        if (rec.optedOut) expect(rec.grade).toBe('F');
        if (rec.consent) expect(['A', 'B', 'F']).toContain(rec.grade);
      }),
      { numRuns: 400, seed: 20261121 },
    );
  });
});
