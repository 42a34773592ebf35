import { classify, type Classification } from '../classify/classifier.ts';
import type { GradingFacts } from '../grading/expr.ts';
import type { CompiledScript } from '../script/compile.ts';
import type { Action, Grade } from '../script/schema.ts';

/** One prompt the robot should play. */
export interface Play {
  promptId: string;
  /** Recording id in the prompt library (what media plays). */
  recording: string;
  /** 1-based index of the turn this prompt opens (to attach barge-ins to it). */
  turnIndex: number;
  text: string;
  bargeIn: 'none' | 'speech' | 'keywords';
  minSpeechMs: number;
  interruptKeywords: readonly string[];
  /** Entry in the call path: a node id (also for re-asks) or the id of a side prompt (kb_rate, silence_1, …). */
  pathId: string;
  /** Main-line node the robot is at while this plays. */
  nodeId: string;
}

export interface Utterance {
  text: string;
  confidence: number;
  startMs: number;
  endMs: number;
}

export interface ConsentRecord {
  nodeId: string;
  utterance: string;
  startMs: number;
  endMs: number;
}

/** What the robot does next, from one callee input. */
export interface Decision {
  plays: Play[];
  hangUp?: { reason: string; immediate: boolean };
  transfer?: { target: string };
  consent?: ConsentRecord;
  optOut?: { evidence: string };
  /** Intent label as stored in turns: "affirmative", "kb:kb_rate", "silence", "dtmf:1", … */
  intent: string;
  /** The rule that fired and on which words. */
  rule: string;
  /** The turn (prompt) this input answered, when there was one. */
  answeredTurn?: TurnRecord;
}

export interface TurnRecord {
  index: number;
  nodeId: string;
  promptId: string;
  heardMs: number;
  bargedIn: boolean;
  transcript: string;
  intent: string;
  rule: string;
  confidence: number;
  startMs: number;
  endMs: number;
  decisionUs: number;
}

type Context = { kind: 'node' } | { kind: 'side'; sideId: string; step: number };

export interface GradeResult {
  grade: Grade;
  reason: string;
}

/**
 * The script state machine for one call: callee inputs in, robot decisions out. Pure (no clock,
 * no I/O); the session layer handles playback timing, the adapter persistence.
 */
export class Conversation {
  nodeId: string;
  private context: Context = { kind: 'node' };
  readonly path: string[] = [];
  readonly turns: TurnRecord[] = [];
  readonly slots: Record<string, string> = {};
  readonly refusalsByStage: Record<string, number> = {};
  private readonly retentionUsed: Record<string, number> = {};
  private readonly repeatsUsed: Record<string, number> = {};
  readonly intentsSeen = new Set<string>();
  private readonly reached = new Set<string>();
  consent: ConsentRecord | undefined;
  optedOut = false;
  optOutEvidence = '';
  wrongNumber = false;
  machine = false;
  transferredTo = '';
  kbQuestions = 0;
  silences = 0;
  private silenceStreak = 0;
  bargeIns = 0;
  endReason = '';

  constructor(readonly script: CompiledScript) {
    this.nodeId = script.script.start;
  }

  get ended(): boolean {
    return this.endReason !== '';
  }

  /** The call connected: play the start node. */
  begin(): Decision {
    const d = this.decision('start', 'script start');
    this.enterNode(this.script.script.start, d, undefined);
    return d;
  }

  /** The carrier detected an answering machine: hang up at once. */
  answeringMachine(): Decision {
    this.machine = true;
    this.endReason = 'answering_machine';
    return { plays: [], hangUp: { reason: 'answering_machine', immediate: true }, intent: 'machine', rule: 'call_started.answered_by machine' };
  }

  /** The call ended outside the script (callee hung up, network). Keeps a robot end reason. */
  endedExternally(reason: string): void {
    if (!this.endReason) this.endReason = reason;
  }

  /** Classify without acting, to decide whether a reply heard during a prompt should cut it short. */
  preview(u: Utterance): Classification {
    return this.classifyReply(u);
  }

  reply(u: Utterance): Decision {
    const c = this.classifyReply(u);
    this.silenceStreak = 0;
    const d = this.dispatch(c, u);
    this.noteReply(u, d);
    return d;
  }

  silence(): Decision {
    this.silences++;
    this.silenceStreak++;
    const d = this.decision('silence', `no input (${this.silenceStreak} in a row)`);
    const noInput = this.script.script.noInput;
    if (!noInput || this.silenceStreak >= noInput.limit) {
      this.hangUpWith(d, noInput?.then.say, noInput?.then.hangUp ?? 'silence');
    } else {
      this.play(d, noInput.prompt, noInput.prompt);
    }
    this.noteReply({ text: '', confidence: 0, startMs: 0, endMs: 0 }, d);
    return d;
  }

  dtmf(digit: string): Decision {
    const intent = this.script.script.dtmf[digit];
    const u: Utterance = { text: '', confidence: 1, startMs: 0, endMs: 0 };
    const c: Classification = {
      kind: intent ?? 'unrecognised',
      ref: '',
      source: `dtmf.${digit}`,
      words: [digit],
      captures: {},
      alsoSide: '',
      normalized: '',
      explanation: intent ? `dtmf '${digit}' → ${intent}` : `dtmf '${digit}' not mapped`,
    };
    this.silenceStreak = 0;
    const d = this.dispatch(c, u);
    d.intent = `dtmf:${digit}`;
    this.noteReply({ ...u, text: `[dtmf ${digit}]` }, d);
    return d;
  }

  /** Mark a turn's prompt as cut short by the callee after `heardMs`. */
  noteBargeIn(turnIndex: number, heardMs: number): void {
    this.bargeIns++;
    const t = this.turns[turnIndex - 1];
    if (!t) return;
    t.bargedIn = true;
    t.heardMs = heardMs;
  }

  facts(talkMs: number): GradingFacts {
    const refusals = Object.values(this.refusalsByStage);
    return {
      consent: this.consent !== undefined,
      optedOut: this.optedOut,
      wrongNumber: this.wrongNumber,
      machine: this.machine,
      transferred: this.transferredTo !== '',
      kbQuestions: this.kbQuestions,
      turns: this.turns.length,
      talkMs,
      refusals: refusals.reduce((a, b) => a + b, 0),
      maxStageRefusals: refusals.reduce((a, b) => Math.max(a, b), 0),
      silences: this.silences,
      bargeIns: this.bargeIns,
      endReason: this.endReason,
      reachedNodes: this.reached,
      intentsSeen: this.intentsSeen,
      slots: this.slots,
      refusalsByStage: this.refusalsByStage,
    };
  }

  /** First grading rule that matches; E when none does (a script without a catch-all rule). */
  grade(talkMs: number): GradeResult {
    const facts = this.facts(talkMs);
    for (const rule of this.script.grading) if (rule.when(facts)) return { grade: rule.grade, reason: rule.reason };
    return { grade: 'E', reason: 'no grading rule matched' };
  }

  private classifyReply(u: Utterance): Classification {
    const minConfidence = this.script.script.settings.minConfidence;
    const matcher =
      this.context.kind === 'side'
        ? this.script.stepMatchers.get(`${this.context.sideId}/${this.context.step}`)!
        : this.script.nodeMatchers.get(this.nodeId)!;
    return classify(matcher, u.text, { confidence: u.confidence, minConfidence });
  }

  private scope(): string {
    return this.context.kind === 'side' ? `${this.context.sideId}[${this.context.step}]` : this.nodeId;
  }

  private decision(intent: string, rule: string): Decision {
    return { plays: [], intent, rule };
  }

  private dispatch(c: Classification, u: Utterance): Decision {
    const label = c.kind === 'kb' || c.kind === 'side' ? `${c.kind}:${c.ref}` : c.kind === 'value' ? `slot:${c.ref}` : c.kind;
    const d = this.decision(label, `${this.scope()}.${c.explanation}`);
    this.intentsSeen.add(label);
    const s = this.script.script;
    switch (c.kind) {
      case 'optout': {
        this.optedOut = true;
        this.optOutEvidence = u.text;
        d.optOut = { evidence: u.text };
        this.hangUpWith(d, s.special.optout!.say, s.special.optout!.hangUp ?? 'opt_out');
        return d;
      }
      case 'wrongNumber': {
        this.wrongNumber = true;
        this.hangUpWith(d, s.special.wrongNumber!.say, s.special.wrongNumber!.hangUp ?? 'wrong_number');
        return d;
      }
      case 'transfer': {
        const t = s.special.transfer!;
        if (t.target) {
          this.play(d, t.say, t.say);
          this.transferredTo = t.target;
          this.endReason = 'transferred';
          d.transfer = { target: t.target };
        } else {
          this.hangUpWith(d, t.fallback ?? t.say, t.hangUp ?? 'callback_promised');
        }
        return d;
      }
      case 'kb': {
        this.kbQuestions++;
        const kb = s.knowledgeBase[c.ref]!;
        this.play(d, kb.answer, c.ref);
        if (kb.then) {
          this.hangUpWith(d, undefined, kb.then.hangUp);
        } else if (c.alsoSide && this.context.kind === 'node') {
          this.startSide(d, c.alsoSide, c.captures);
        } else {
          this.reask(d);
        }
        return d;
      }
      case 'side': {
        if (this.context.kind === 'side') this.reask(d);
        else this.startSide(d, c.ref, c.captures);
        return d;
      }
      case 'value':
        return this.fillSlot(d, c.ref);
    }
    if (this.context.kind === 'side') return this.fillSlot(d, undefined);
    const node = s.nodes[this.nodeId]!;
    if (c.kind === 'negative') this.refusalsByStage[node.stage] = (this.refusalsByStage[node.stage] ?? 0) + 1;
    const action = node.intents?.[c.kind];
    if (!action) {
      this.hangUpWith(d, undefined, 'script_dead_end');
      return d;
    }
    this.apply(action, d, c, u);
    return d;
  }

  private apply(action: Action, d: Decision, c: Classification, u: Utterance): void {
    const s = this.script.script;
    const node = s.nodes[this.nodeId]!;
    if (action.consent && c.kind === 'affirmative' && !this.consent) {
      this.consent = { nodeId: this.nodeId, utterance: u.text, startMs: u.startMs, endMs: u.endMs };
      d.consent = this.consent;
    }
    if (action.retain) {
      const used = this.retentionUsed[node.stage] ?? 0;
      if (used < (s.stages[node.stage]?.retentionLimit ?? 0)) {
        this.retentionUsed[node.stage] = used + 1;
        this.enterNode(action.retain, d, action.reason);
        return;
      }
      if (action.otherwise) this.apply(action.otherwise, d, c, u);
      else this.hangUpWith(d, undefined, action.reason ?? 'refused');
      return;
    }
    if (action.repeat) {
      const used = this.repeatsUsed[this.nodeId] ?? 0;
      if (used < (action.times ?? 1)) {
        this.repeatsUsed[this.nodeId] = used + 1;
        this.play(d, action.repeat, action.repeat);
        return;
      }
      if (action.otherwise) this.apply(action.otherwise, d, c, u);
      else this.hangUpWith(d, undefined, action.reason ?? 'no_input');
      return;
    }
    if (action.goto) {
      this.enterNode(action.goto, d, action.reason);
      return;
    }
    this.hangUpWith(d, action.say, action.hangUp ?? action.reason ?? 'completed');
  }

  private enterNode(nodeId: string, d: Decision, reason: string | undefined): void {
    const node = this.script.script.nodes[nodeId]!;
    this.nodeId = nodeId;
    this.context = { kind: 'node' };
    this.reached.add(nodeId);
    this.play(d, node.prompt, nodeId);
    if (node.end) this.hangUpWith(d, undefined, reason ?? node.end);
  }

  private startSide(d: Decision, sideId: string, captures: Record<string, string>): void {
    Object.assign(this.slots, captures);
    this.context = { kind: 'side', sideId, step: 0 };
    const step = this.script.script.sideDialogues[sideId]!.steps[0]!;
    this.play(d, step.prompt, step.prompt);
  }

  private fillSlot(d: Decision, value: string | undefined): Decision {
    if (this.context.kind !== 'side') return d;
    const side = this.script.script.sideDialogues[this.context.sideId]!;
    const step = side.steps[this.context.step]!;
    const filled = value ?? step.default;
    if (filled !== undefined) this.slots[step.slot] = filled;
    d.intent = `slot:${step.slot}=${filled ?? ''}`;
    const next = this.context.step + 1;
    if (next < side.steps.length) {
      this.context = { kind: 'side', sideId: this.context.sideId, step: next };
      this.play(d, side.steps[next]!.prompt, side.steps[next]!.prompt);
    } else {
      this.context = { kind: 'node' };
      this.reask(d);
    }
    return d;
  }

  /** Back on the main line after a side answer: ask the interrupted node's question again. */
  private reask(d: Decision): void {
    if (this.context.kind === 'side') {
      const step = this.script.script.sideDialogues[this.context.sideId]!.steps[this.context.step]!;
      this.play(d, step.prompt, step.prompt);
      return;
    }
    const node = this.script.script.nodes[this.nodeId]!;
    this.play(d, node.question ?? node.prompt, this.nodeId);
  }

  private hangUpWith(d: Decision, say: string | undefined, reason: string): void {
    if (say) this.play(d, say, say);
    this.endReason = reason;
    d.hangUp = { reason, immediate: false };
  }

  private play(d: Decision, promptId: string, pathId: string): void {
    const p = this.script.prompts.get(promptId)!;
    this.path.push(pathId);
    d.plays.push({
      promptId,
      recording: p.recording,
      turnIndex: this.turns.length + 1,
      text: p.text,
      bargeIn: p.bargeIn,
      minSpeechMs: p.minSpeechMs,
      interruptKeywords: p.bargeIn === 'keywords' ? (this.script.interruptKeywords.get(this.nodeId) ?? []) : [],
      pathId,
      nodeId: this.nodeId,
    });
    this.turns.push({
      index: this.turns.length + 1,
      nodeId: pathId,
      promptId,
      heardMs: 0,
      bargedIn: false,
      transcript: '',
      intent: '',
      rule: '',
      confidence: 0,
      startMs: 0,
      endMs: 0,
      decisionUs: 0,
    });
  }

  /** Attach the callee's input to the turn it answered (the last prompt played before this decision). */
  private noteReply(u: Utterance, d: Decision): void {
    const answered = this.turns[this.turns.length - 1 - d.plays.length];
    if (!answered) return;
    d.answeredTurn = answered;
    answered.transcript = u.text;
    answered.intent = d.intent;
    answered.rule = d.rule;
    answered.confidence = u.confidence;
    answered.startMs = u.startMs;
    answered.endMs = u.endMs;
  }
}
