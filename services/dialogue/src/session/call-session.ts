import type { CallStarted__Output } from '@voicebot/common/generated/voicebot/v1/CallStarted';
import type { DialogueCommand } from '@voicebot/common/generated/voicebot/v1/DialogueCommand';
import type { MediaEvent__Output } from '@voicebot/common/generated/voicebot/v1/MediaEvent';
import type { Transcript__Output } from '@voicebot/common/generated/voicebot/v1/Transcript';
import { Conversation, type ConsentRecord, type Decision, type Utterance } from '../engine/conversation.ts';
import type { CompiledScript } from '../script/compile.ts';
import type { CallRecordData, HangupParty } from './call-record.ts';

const POLICY = { none: 'BARGE_IN_POLICY_NONE', speech: 'BARGE_IN_POLICY_SPEECH', keywords: 'BARGE_IN_POLICY_KEYWORDS' } as const;
const PARTY: Record<string, HangupParty> = {
  HANGUP_PARTY_CALLEE: 'callee',
  HANGUP_PARTY_ROBOT: 'robot',
  HANGUP_PARTY_NETWORK: 'network',
  HANGUP_PARTY_SYSTEM: 'system',
};
/** Replies heard during a prompt that cut it short even when media did not (refusals and priority intents). */
const INTERRUPTING = new Set(['optout', 'wrongNumber', 'transfer', 'negative', 'kb']);

/** Why an event was not acted on; logged and counted by the adapter, never fatal for the call. */
export type Rejection = 'duplicate' | 'after_hangup' | 'unexpected_call_started' | 'unknown_play_id' | 'wrong_call_id' | 'stale_silence' | 'empty_transcript';

export interface SessionOutput {
  commands: DialogueCommand[];
  consent?: ConsentRecord;
  optOut?: { evidence: string };
  /** The call is over: the record is final. */
  ended: boolean;
  rejected?: Rejection;
  /** Microseconds spent deciding (event in → commands out), when a script decision was made. */
  decisionUs?: number;
  /** Intent of the input decided on ("affirmative", "kb:kb_rate", …), with the decision. */
  intent?: string;
}

export interface SessionInfo {
  callId: string;
  started: CallStarted__Output;
  startedAtMs: number;
}

/**
 * Turn-taking for one call: media events in, dialogue commands out. Knows which prompts are
 * still playing, holds a reply that arrived during a prompt until the prompt is over (unless it
 * is a refusal or priority intent that should cut the prompt short), drops duplicates and
 * events after the robot hung up. Pure apart from the injected monotonic clock.
 */
export class CallSession {
  readonly conversation: Conversation;
  private lastSeq = 0;
  private commandSeq = 0;
  private readonly playing = new Map<string, { promptId: string; bargeIn: keyof typeof POLICY }>();
  /** play_id → turn index, for the whole call (an interruption may name any earlier play). */
  private readonly turnOfPlay = new Map<string, number>();
  private deferred: Utterance | undefined;
  private staleSilenceSkipped = false;
  private hungUp = false;
  private finished = false;
  private party: HangupParty = 'unspecified';
  private talkMs = 0;
  private answerToAudioMs = 0;
  private endedAtMs = 0;

  constructor(
    readonly info: SessionInfo,
    readonly script: CompiledScript,
    private readonly nowUs: () => number = () => performance.now() * 1000,
  ) {
    this.conversation = new Conversation(script);
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /** First commands, answering `call_started`. */
  start(eventSeq: number): SessionOutput {
    this.lastSeq = eventSeq;
    const t0 = this.nowUs();
    const machine = this.info.started.answered_by === 'machine';
    const d = machine ? this.conversation.answeringMachine() : this.conversation.begin();
    return this.emit(d, eventSeq, t0);
  }

  handle(ev: MediaEvent__Output, wallMs: number): SessionOutput {
    const none: SessionOutput = { commands: [], ended: false };
    if (ev.call_id && ev.call_id !== this.info.callId) return { ...none, rejected: 'wrong_call_id' };
    if (ev.seq > 0) {
      if (ev.seq <= this.lastSeq) return { ...none, rejected: 'duplicate' };
      this.lastSeq = ev.seq;
    }
    switch (ev.event) {
      case 'call_ended': {
        const e = ev.call_ended!;
        this.party = PARTY[e.party] ?? 'unspecified';
        this.talkMs = e.duration_ms || ev.stream_time_ms;
        this.answerToAudioMs = e.answer_to_audio_ms;
        this.endedAtMs = wallMs;
        this.conversation.endedExternally(this.party === 'callee' ? 'callee_hangup' : e.reason || `${this.party}_hangup`);
        if (this.hungUp && this.party === 'unspecified') this.party = 'robot';
        this.finished = true;
        return { ...none, ended: true };
      }
      case 'call_started':
        return { ...none, rejected: 'unexpected_call_started' };
      case 'playback_mark':
        return this.playbackOver(ev, ev.playback_mark!.play_id, false);
      case 'playback_interrupted': {
        const p = ev.playback_interrupted!;
        const turn = this.turnOfPlay.get(p.play_id);
        if (p.reason !== 'stop_command' && turn !== undefined) this.conversation.noteBargeIn(turn, p.heard_ms);
        return this.playbackOver(ev, p.play_id, true);
      }
      case 'final_transcript':
        return this.finalTranscript(ev, ev.final_transcript!);
      case 'silence_timeout': {
        if (this.hungUp) return { ...none, rejected: 'after_hangup' };
        if (this.playing.size > 0 && !this.staleSilenceSkipped) {
          // Media armed this timer before our newest prompt reached it; it re-arms after that prompt.
          // Only once, so a lost mark cannot stall the call.
          this.staleSilenceSkipped = true;
          return { ...none, rejected: 'stale_silence' };
        }
        const t0 = this.nowUs();
        this.playing.clear();
        const held = this.takeDeferred();
        return this.emit(held ? this.conversation.reply(held) : this.conversation.silence(), ev.seq, t0);
      }
      case 'dtmf': {
        if (this.hungUp) return { ...none, rejected: 'after_hangup' };
        const t0 = this.nowUs();
        const stop = this.stopIfPlaying(ev.seq, 'dtmf');
        const out = this.emit(this.conversation.dtmf(ev.dtmf!.digit), ev.seq, t0);
        out.commands.unshift(...stop);
        return out;
      }
      default:
        // speech_started / speech_stopped / partial transcripts: media acts on them for barge-in.
        return none;
    }
  }

  /** The stream broke without `call_ended`: close the record as a network end. */
  abandon(wallMs: number, reason: string): void {
    if (this.finished) return;
    this.party = this.hungUp ? 'robot' : 'network';
    this.endedAtMs = wallMs;
    this.conversation.endedExternally(reason);
    this.finished = true;
  }

  record(): CallRecordData {
    const c = this.conversation;
    const graded = this.finished ? c.grade(this.talkMs) : undefined;
    const s = this.info.started;
    return {
      callId: this.info.callId,
      campaignId: s.campaign_id,
      leadId: s.lead_id,
      scriptId: this.script.id,
      scriptVersion: this.script.version,
      calleeMasked: s.callee_masked,
      answeredBy: s.answered_by,
      grade: graded?.grade ?? '',
      gradeReason: graded?.reason ?? '',
      turns: c.turns,
      slots: c.slots,
      consent: c.consent ?? null,
      optedOut: c.optedOut,
      optOutEvidence: c.optOutEvidence,
      refused: Object.values(c.refusalsByStage).some((n) => n > 0) && !c.consent,
      endReason: c.endReason,
      hangupParty: this.party,
      talkMs: this.talkMs,
      answerToAudioMs: this.answerToAudioMs,
      startedAtMs: this.info.startedAtMs,
      endedAtMs: this.endedAtMs,
      path: c.path,
      transferredTo: c.transferredTo,
      bargeIns: c.bargeIns,
      silences: c.silences,
      kbQuestions: c.kbQuestions,
      refusalsByStage: c.refusalsByStage,
    };
  }

  private finalTranscript(ev: MediaEvent__Output, t: Transcript__Output): SessionOutput {
    if (this.hungUp) return { commands: [], ended: false, rejected: 'after_hangup' };
    // A garbage-only final (noise, a cough) is not an answer: media's silence timer still runs.
    if (t.text.trim() === '') return { commands: [], ended: false, rejected: 'empty_transcript' };
    // Media maps "recognizer gave no confidence" to 0; a real score is never exactly 0.
    const confidence = t.confidence === 0 ? 1 : t.confidence;
    const u: Utterance = { text: t.text, confidence, startMs: t.start_ms, endMs: t.end_ms };
    const current = this.playing.values().next().value;
    if (current) {
      const cutsIn = current.bargeIn !== 'none' && INTERRUPTING.has(this.conversation.preview(u).kind);
      if (!cutsIn) {
        // Policy none, or a backchannel/answer during the prompt: act on it when the prompt is over.
        if (!this.deferred || this.conversation.preview(u).kind !== 'unrecognised') this.deferred = u;
        return { commands: [], ended: false };
      }
      const t0 = this.nowUs();
      const stop = this.stopIfPlaying(ev.seq, 'barge_in_intent');
      const out = this.emit(this.conversation.reply(u), ev.seq, t0);
      out.commands.unshift(...stop);
      return out;
    }
    const t0 = this.nowUs();
    this.deferred = undefined;
    return this.emit(this.conversation.reply(u), ev.seq, t0);
  }

  private playbackOver(ev: MediaEvent__Output, playId: string, interrupted: boolean): SessionOutput {
    if (!this.playing.has(playId)) {
      // A play we stopped ourselves (stop_playback) reports late; only a never-issued id is an error.
      return this.turnOfPlay.has(playId) ? { commands: [], ended: false } : { commands: [], ended: false, rejected: 'unknown_play_id' };
    }
    // Media's barge-in flushes its whole queue, i.e. every play issued so far.
    if (interrupted) this.playing.clear();
    else this.playing.delete(playId);
    if (this.playing.size > 0 || this.hungUp) return { commands: [], ended: false };
    const held = this.takeDeferred();
    if (!held) return { commands: [], ended: false };
    const t0 = this.nowUs();
    return this.emit(this.conversation.reply(held), ev.seq, t0);
  }

  /** A reply held during a prompt; a backchannel (unrecognised) is dropped: the real answer follows. */
  private takeDeferred(): Utterance | undefined {
    const held = this.deferred;
    this.deferred = undefined;
    if (!held || this.conversation.preview(held).kind === 'unrecognised') return undefined;
    return held;
  }

  private stopIfPlaying(inReplyTo: number, reason: string): DialogueCommand[] {
    if (this.playing.size === 0) return [];
    this.playing.clear();
    return [this.command(inReplyTo, { stop_playback: { reason } })];
  }

  private emit(d: Decision, inReplyTo: number, t0: number): SessionOutput {
    this.staleSilenceSkipped = false;
    const commands: DialogueCommand[] = [];
    for (const p of d.plays) {
      const cmd = this.command(inReplyTo, {
        play_prompt: {
          prompt_id: p.recording,
          text: p.text,
          barge_in: POLICY[p.bargeIn],
          min_speech_ms: p.minSpeechMs,
          interrupt_keywords: [...p.interruptKeywords],
          no_input_timeout_ms: this.script.script.settings.noInputTimeoutMs,
          script_id: this.script.id,
        },
      });
      const playId = `${this.info.callId}:${String(cmd.seq)}`;
      cmd.play_prompt!.play_id = playId;
      this.playing.set(playId, { promptId: p.promptId, bargeIn: p.bargeIn });
      this.turnOfPlay.set(playId, p.turnIndex);
      commands.push(cmd);
    }
    if (d.transfer) {
      // The call leaves the script: later transcripts are no longer the robot's to answer.
      this.hungUp = true;
      commands.push(this.command(inReplyTo, { transfer: { target: d.transfer.target, reason: 'callee_request' } }));
    }
    if (d.hangUp) {
      this.hungUp = true;
      commands.push(this.command(inReplyTo, { hang_up: { reason: d.hangUp.reason, immediate: d.hangUp.immediate } }));
    }
    const decisionUs = Math.max(0, Math.round(this.nowUs() - t0));
    if (d.answeredTurn) d.answeredTurn.decisionUs = decisionUs;
    return {
      commands,
      ended: false,
      decisionUs,
      intent: d.intent,
      ...(d.consent ? { consent: d.consent } : {}),
      ...(d.optOut ? { optOut: d.optOut } : {}),
    };
  }

  private command(inReplyTo: number, body: Omit<DialogueCommand, 'call_id' | 'seq' | 'in_reply_to'>): DialogueCommand {
    this.commandSeq++;
    return { call_id: this.info.callId, seq: this.commandSeq, in_reply_to: inReplyTo, ...body };
  }
}
