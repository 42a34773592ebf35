import { describe, expect, it } from 'vitest';
import { type AnalyzerEvent, CallAnalyzer, type RecognizerEngine, type VadEngine, WINDOW } from './call-analyzer.ts';

/** Fake VAD: speech after 2 loud windows, silence after 5 quiet ones (like a hysteresis detector). */
class FakeVad implements VadEngine {
  loud = 0;
  quiet = 0;
  on = false;
  accepted = 0;
  accept(w: Float32Array): void {
    this.accepted++;
    const isLoud = Math.abs(w[0]!) > 0.1;
    if (isLoud) {
      this.loud++;
      this.quiet = 0;
      if (this.loud >= 2) this.on = true;
    } else {
      this.quiet++;
      this.loud = 0;
      if (this.quiet >= 5) this.on = false;
    }
  }
  detected(): boolean {
    return this.on;
  }
  reset(): void {
    this.on = false;
  }
}

/** Fake recognizer: "hears" one token per loud window. */
const fakeRecognizer: RecognizerEngine = {
  createStream() {
    let words = 0;
    return {
      accept(s: Float32Array) {
        if (Math.abs(s[0]!) > 0.1) words++;
      },
      decode: () => 'w'.repeat(words),
      finish: () => ({ text: 'w'.repeat(words), confidence: 0.9 }),
      free() {},
    };
  },
};

function run(pattern: string, energyGate: number): { events: AnalyzerEvent[]; vad: FakeVad } {
  const events: AnalyzerEvent[] = [];
  const vad = new FakeVad();
  const a = new CallAnalyzer(vad, fakeRecognizer, { minSpeechMs: 64, minSilenceMs: 160, energyGate, partialIntervalMs: 64 }, (e) => events.push(e));
  for (const ch of pattern) a.process(new Float32Array(WINDOW).fill(ch === '#' ? 0.5 : ch === '.' ? 0.001 : 0));
  return { events, vad };
}

describe('CallAnalyzer', () => {
  it('reports start, partials, end and a final with stream positions', () => {
    const { events } = run('____######_______', 0);
    expect(events.map((e) => e.type)).toEqual(['speech_start', 'partial', 'partial', 'speech_end', 'final']);
    const start = events[0] as Extract<AnalyzerEvent, { type: 'speech_start' }>;
    expect(start.detectSample).toBe(6 * WINDOW);
    expect(start.onsetSample).toBe(4 * WINDOW); // the loud run began at window 4
    const fin = events.at(-1) as Extract<AnalyzerEvent, { type: 'final' }>;
    expect(fin.text).toBe('w'.repeat(6)); // pre-roll included the first loud window
    expect(fin.startSample).toBe(4 * WINDOW);
  });

  it('energy pre-gate skips inference on silence but not during speech', () => {
    const gated = run('______________####______________', 0.01);
    const ungated = run('______________####______________', 0);
    expect(gated.events.map((e) => e.type)).toEqual(ungated.events.map((e) => e.type));
    expect(gated.vad.accepted).toBeLessThan(ungated.vad.accepted / 2);
  });

  it('low-level noise below the gate never reaches the VAD', () => {
    const { events, vad } = run('.'.repeat(50), 0.01);
    expect(events).toEqual([]);
    expect(vad.accepted).toBe(0);
  });
});
