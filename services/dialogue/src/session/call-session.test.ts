import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '@voicebot/common';
import type { MediaEvent__Output } from '@voicebot/common/generated/voicebot/v1/MediaEvent';
import { loadScript } from '../script/load.ts';
import { CallSession, type SessionOutput } from './call-session.ts';

const script = loadScript(fs.readFileSync(fromRoot('services/dialogue/scripts/loan-zh.yaml'), 'utf8'), 3).compiled;

/** A session plus a tiny event builder with increasing seq. */
function call(answeredBy = 'human') {
  const s = new CallSession(
    {
      callId: 'c1',
      startedAtMs: 1000,
      started: { campaign_id: 'camp', lead_id: 'lead', framing: 'twilio', codec: 'pcmu', sample_rate: 8000, script_id: '', answered_by: answeredBy, carrier_call_id: '', callee_masked: '****1234', language: '' },
    },
    script,
    () => 0,
  );
  let seq = 1;
  const ev = (e: Partial<MediaEvent__Output>, explicitSeq?: number): MediaEvent__Output =>
    ({ call_id: 'c1', seq: explicitSeq ?? ++seq, stream_time_ms: 0, ...e }) as MediaEvent__Output;
  const say = (text: string, confidence = 0.9) => s.handle(ev({ event: 'final_transcript', final_transcript: { text, confidence, start_ms: 100, end_ms: 900, during_playback: false } }), 2000);
  const mark = (out: SessionOutput) => {
    let last: SessionOutput = { commands: [], ended: false };
    for (const c of out.commands) if (c.play_prompt) last = s.handle(ev({ event: 'playback_mark', playback_mark: { play_id: c.play_prompt.play_id!, prompt_id: c.play_prompt.prompt_id! } }), 2000);
    return last;
  };
  return { s, ev, say, mark, first: s.start(1) };
}

const prompts = (out: SessionOutput) => out.commands.map((c) => c.play_prompt?.prompt_id ?? c.command ?? Object.keys(c).find((k) => ['hang_up', 'transfer', 'stop_playback'].includes(k)));

describe('CallSession turn-taking', () => {
  it('opens with the start prompt, its barge-in policy and interrupt keywords', () => {
    const { first } = call();
    const p = first.commands[0]!.play_prompt!;
    expect(p).toMatchObject({ prompt_id: 'open_1', barge_in: 'BARGE_IN_POLICY_KEYWORDS', no_input_timeout_ms: 6000, script_id: 'loan-zh', play_id: 'c1:1' });
    expect(p.interrupt_keywords).toEqual(expect.arrayContaining(['不需要', '别再打了', '转人工']));
  });

  it('hangs up at once on an answering machine', () => {
    const { first, s } = call('machine');
    expect(first.commands).toEqual([expect.objectContaining({ hang_up: { reason: 'answering_machine', immediate: true } })]);
    expect(s.conversation.machine).toBe(true);
  });

  it('holds an answer given during a none-policy prompt until the prompt is over', () => {
    const { s, say, mark, ev, first } = call();
    mark(first);
    // 利息多少 → kb_rate + open_ask queued
    const kb = say('利息多少');
    expect(prompts(kb)).toEqual(['kb_rate', 'open_ask']);
    const held = say('可以');
    expect(held.commands).toEqual([]);
    const after = mark(kb);
    expect(prompts(after)).toEqual(['intro_1']);
    expect(s.conversation.path).toEqual(['open_1', 'kb_rate', 'open_1', 'intro_1']);
    void ev;
  });

  it('drops a backchannel heard during a prompt', () => {
    const { say, mark, first } = call();
    expect(say('嗯').commands).toEqual([]);
    expect(mark(first).commands).toEqual([]);
  });

  it('cuts a prompt short for a refusal even when media did not', () => {
    const { say, first } = call();
    void first;
    const out = say('不需要');
    expect(prompts(out)).toEqual(['stop_playback', 'retain_open']);
  });

  it('records a barge-in and then handles the reply', () => {
    const { s, ev, say, first } = call();
    const play = first.commands[0]!.play_prompt!;
    s.handle(ev({ event: 'playback_interrupted', playback_interrupted: { play_id: play.play_id!, prompt_id: 'open_1', heard_ms: 1800, prompt_ms: 7000, reason: 'barge_in_speech', speech_onset_ms: 1700, latency_ms: 120 } }), 2000);
    expect(prompts(say('可以'))).toEqual(['intro_1']);
    expect(s.conversation.turns[0]).toMatchObject({ promptId: 'open_1', bargedIn: true, heardMs: 1800, transcript: '可以', intent: 'affirmative' });
  });

  it('drops duplicates, events for another call and transcripts after the hang-up', () => {
    const { s, ev, say, mark, first } = call();
    mark(first);
    const dup = s.handle(ev({ event: 'final_transcript', final_transcript: { text: '可以', confidence: 1, start_ms: 0, end_ms: 0, during_playback: false } }, 2), 0);
    expect(dup.rejected).toBe('duplicate');
    expect(s.handle({ ...ev({ event: 'silence_timeout', silence_timeout: { silence_ms: 6000 } }), call_id: 'other' }, 0).rejected).toBe('wrong_call_id');
    const bye = say('别再打了');
    expect(prompts(bye)).toEqual(['optout', 'hang_up']);
    expect(bye.optOut).toEqual({ evidence: '别再打了' });
    expect(say('等等').rejected).toBe('after_hangup');
    expect(s.handle(ev({ event: 'call_started' }), 0).rejected).toBe('unexpected_call_started');
  });

  it('skips one silence timeout that arrives while a new prompt is still queued', () => {
    const { s, ev } = call();
    const silence = () => s.handle(ev({ event: 'silence_timeout', silence_timeout: { silence_ms: 6000 } }), 0);
    expect(silence().rejected).toBe('stale_silence');
    expect(prompts(silence())).toEqual(['silence_1']);
  });

  it('uses a silence timeout, then ends the call on the second one', () => {
    const { s, ev, mark, first } = call();
    mark(first);
    const one = s.handle(ev({ event: 'silence_timeout', silence_timeout: { silence_ms: 6000 } }), 0);
    expect(prompts(one)).toEqual(['silence_1']);
    mark(one);
    const two = s.handle(ev({ event: 'silence_timeout', silence_timeout: { silence_ms: 6000 } }), 0);
    expect(prompts(two)).toEqual(['close_no', 'hang_up']);
  });

  it('records consent with the utterance and its span, and grades on call_ended', () => {
    const { s, ev, say, mark, first } = call();
    mark(first);
    mark(say('可以'));
    mark(say('有需要'));
    const yes = say('好的');
    expect(yes.consent).toEqual({ nodeId: 'invite_1', utterance: '好的', startMs: 100, endMs: 900 });
    const end = s.handle(ev({ event: 'call_ended', call_ended: { party: 'HANGUP_PARTY_ROBOT', reason: 'robot_hangup', duration_ms: 42_000, answer_to_audio_ms: 300 } }), 50_000);
    expect(end.ended).toBe(true);
    const rec = s.record();
    expect(rec).toMatchObject({ grade: 'B', scriptVersion: 3, talkMs: 42_000, hangupParty: 'robot', endReason: 'completed', answerToAudioMs: 300, endedAtMs: 50_000 });
    expect(rec.turns.map((t) => t.intent)).toEqual(['affirmative', 'affirmative', 'affirmative', '']);
  });

  it('closes the record as a network end when the stream breaks', () => {
    const { s, say, mark, first } = call();
    mark(first);
    say('可以');
    s.abandon(9000, 'stream_cancelled');
    expect(s.record()).toMatchObject({ grade: 'C', hangupParty: 'network', endReason: 'stream_cancelled' });
  });

  it('does not let the late report of a stopped prompt clear the prompt that replaced it', () => {
    const { s, ev, say, first } = call();
    const out = say('不需要'); // stop_playback + retain_open
    expect(prompts(out)).toEqual(['stop_playback', 'retain_open']);
    const open = first.commands[0]!.play_prompt!;
    const late = s.handle(ev({ event: 'playback_interrupted', playback_interrupted: { play_id: open.play_id!, prompt_id: 'open_1', heard_ms: 900, prompt_ms: 7000, reason: 'stop_command', speech_onset_ms: 0, latency_ms: 0 } }), 0);
    expect(late.rejected).toBeUndefined();
    // retain_open is still playing: a backchannel now is held, not answered.
    expect(say('嗯').commands).toEqual([]);
  });

  it('ignores an empty (noise-only) final transcript', () => {
    const { say, mark, first } = call();
    mark(first);
    const noise = say('  ');
    expect(noise.commands).toEqual([]);
    expect(noise.rejected).toBe('empty_transcript');
    expect(prompts(say('可以'))).toEqual(['intro_1']);
  });

  it('treats a confidence of 0 (not reported by the recognizer) as known', () => {
    const { say, mark, first } = call();
    mark(first);
    expect(prompts(say('可以', 0))).toEqual(['intro_1']);
  });

  it('handles DTMF during a prompt by stopping it first', () => {
    const { s, ev } = call();
    const out = s.handle(ev({ event: 'dtmf', dtmf: { digit: '1', duration_ms: 100 } }), 0);
    expect(prompts(out)).toEqual(['stop_playback', 'intro_1']);
  });
});
