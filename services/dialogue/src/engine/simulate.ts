import type { CompiledScript } from '../script/compile.ts';
import type { Grade } from '../script/schema.ts';
import { Conversation } from './conversation.ts';

export interface SimulatedStep {
  nodeId: string;
  promptId: string;
  promptText: string;
  utterance: string;
  intent: string;
  rule: string;
}

export interface SimulationResult {
  steps: SimulatedStep[];
  grade: Grade;
  gradeReason: string;
  consent: boolean;
  optedOut: boolean;
  path: string[];
  slots: Record<string, string>;
  endReason: string;
}

export interface SimulationOptions {
  /** Carrier's answering-machine verdict ("machine" hangs up at once). */
  answeredBy?: string;
  /** ASR confidence given to every utterance (default 1). */
  confidence?: number;
}

const DTMF = /^\[dtmf[: ]([0-9*#A-D])\]$/i;

/**
 * Run callee utterances through a script without media: each utterance answers the next prompt,
 * "" is silence, "[dtmf:1]" a key press. When the utterances run out before the script ends the
 * callee hangs up.
 */
export function simulate(script: CompiledScript, utterances: readonly string[], opts: SimulationOptions = {}): SimulationResult {
  const c = new Conversation(script);
  if (opts.answeredBy === 'machine') c.answeringMachine();
  else c.begin();
  for (const u of utterances) {
    if (c.ended) break;
    const dtmf = DTMF.exec(u.trim());
    if (dtmf) c.dtmf(dtmf[1]!);
    else if (u.trim() === '') c.silence();
    else c.reply({ text: u, confidence: opts.confidence ?? 1, startMs: 0, endMs: 0 });
  }
  c.endedExternally('callee_hangup');
  const { grade, reason } = c.grade(0);
  return {
    steps: c.turns.map((t) => ({
      nodeId: t.nodeId,
      promptId: t.promptId,
      promptText: script.prompts.get(t.promptId)?.text ?? '',
      utterance: t.transcript,
      intent: t.intent,
      rule: t.rule,
    })),
    grade,
    gradeReason: reason,
    consent: c.consent !== undefined,
    optedOut: c.optedOut,
    path: [...c.path],
    slots: { ...c.slots },
    endReason: c.endReason,
  };
}
