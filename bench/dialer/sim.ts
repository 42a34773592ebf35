import { seededRandom as rng } from '@voicebot/common/random';
import type { PacingController } from '../../services/dialer/src/pacing/controller.ts';
import { CpsLimiter } from '../../services/dialer/src/pacing/cps.ts';
import { CampaignEstimator } from '../../services/dialer/src/pacing/estimators.ts';

/**
 * Discrete-event simulation of one day of outbound calling, driving a pacing controller exactly
 * as the dialer's pacer does (same snapshot, estimator and CPS limiter). Seeded and reproducible.
 */
export interface SimParams {
  seed: number;
  robots: number;
  startHour: number;
  endHour: number;
  /** Human-answer probability by local hour (index = hour). */
  answerRateByHour: number[];
  busyRate: number;
  machineRate: number;
  ringTimeoutS: number;
  cps: number;
  maxConcurrent: number;
  tickS: number;
  /** A human answer must get a robot within this long, else it is abandoned. */
  abandonAfterS: number;
  abandonThreshold: number;
  /** Leads available (Infinity = plentiful). */
  leads: number;
}

export interface SimResult {
  dials: number;
  humans: number;
  connected: number;
  abandoned: number;
  abandonRate: number;
  /** Highest rolling ratio after the first 100 live answers (the rule is checked continuously). */
  maxRollingAbandonRate: number;
  occupancy: number;
  callsPerSlotHour: number;
}

/** Realistic defaults: answer rate 25–40 % by hour, 60 robots, 12 h, CPS 5. */
export const DEFAULT_PARAMS: SimParams = {
  seed: 20261121,
  robots: 60,
  startHour: 9,
  endHour: 21,
  // Mornings low, lunch and early evening high.
  answerRateByHour: [0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.26, 0.28, 0.31, 0.38, 0.36, 0.29, 0.27, 0.28, 0.32, 0.37, 0.40, 0.38, 0.33, 0.28, 0.25],
  busyRate: 0.08,
  machineRate: 0.12,
  ringTimeoutS: 30,
  cps: 5,
  maxConcurrent: 400,
  tickS: 1,
  abandonAfterS: 2,
  abandonThreshold: 0.03,
  leads: Infinity,
};


type Ev =
  | { t: number; kind: 'tick' }
  | { t: number; kind: 'resolve'; dial: Dial }
  | { t: number; kind: 'end'; robot: true }
  | { t: number; kind: 'giveup'; wait: Waiting };

interface Dial {
  startT: number;
  open: boolean;
}

interface Waiting {
  answeredT: number;
  talkS: number;
  served: boolean;
}

/** Binary min-heap on event time. */
class Heap {
  private a: Ev[] = [];
  push(e: Ev): void {
    const a = this.a;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]!.t <= e.t) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = e;
  }
  pop(): Ev | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || !last) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      let m = l;
      if (l >= a.length) break;
      if (l + 1 < a.length && a[l + 1]!.t < a[l]!.t) m = l + 1;
      if (a[m]!.t >= last.t) break;
      a[i] = a[m]!;
      i = m;
    }
    a[i] = last;
    return top;
  }
  get size(): number {
    return this.a.length;
  }
}

/** Call length once a robot talks: the script's paths (quick hang-ups, one pitch, full conversation). */
function talkTime(r: () => number): number {
  const u = r();
  if (u < 0.3) return 5 + 15 * r();
  if (u < 0.8) return 40 + 80 * r();
  return 120 + 180 * r();
}

/** Ring time before a human answers: log-normal around 8 s, within the carrier timeout. */
function answerDelay(r: () => number, timeout: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return Math.min(timeout - 1, Math.max(2, Math.exp(Math.log(8) + 0.45 * z)));
}

export function simulate(controller: PacingController, params: SimParams = DEFAULT_PARAMS): SimResult {
  const r = rng(params.seed);
  const startS = params.startHour * 3600;
  const endS = params.endHour * 3600;
  const hourOf = (ms: number): number => Math.floor(ms / 3_600_000) % 24;
  const estimator = new CampaignEstimator(undefined, hourOf);
  const cps = new CpsLimiter(params.cps);
  const heap = new Heap();
  const outstanding = new Set<Dial>();
  const fates = new Map<Dial, 'human' | 'busy' | 'machine' | 'noanswer'>();
  /** [end, start] of calls in progress (pruned as they end), for the busy robots' ages. */
  const calls: [number, number][] = [];
  const waiting: Waiting[] = [];
  let freeRobots = params.robots;
  let busySeconds = 0;
  let leadsLeft = params.leads;
  const res = { dials: 0, humans: 0, connected: 0, abandoned: 0, maxRolling: 0 };
  const startCall = (t: number, talkS: number): void => {
    freeRobots--;
    res.connected++;
    const end = t + talkS;
    busySeconds += Math.max(0, Math.min(end, endS) - t);
    heap.push({ t: end, kind: 'end', robot: true });
    calls.push([end, t]);
  };

  heap.push({ t: startS, kind: 'tick' });
  while (heap.size > 0) {
    const ev = heap.pop()!;
    const t = ev.t;
    if (ev.kind === 'tick') {
      if (t >= endS) continue;
      heap.push({ t: t + params.tickS, kind: 'tick' });
      const busyAgesS: number[] = [];
      for (const [end, start] of calls) if (end > t) busyAgesS.push(t - start);
      const outAges: number[] = [];
      for (const d of outstanding) outAges.push(t - d.startT);
      const decision = controller.decide({
        nowMs: t * 1000,
        freeSlots: Math.max(0, freeRobots - waiting.length),
        busySlots: params.robots - freeRobots,
        busyAgesS,
        outstandingAgesS: outAges,
        answerRate: estimator.answerRate(t * 1000),
        meanAnswerDelayS: estimator.meanAnswerDelayS(),
        meanUnansweredS: estimator.meanUnansweredS(),
        meanTalkS: estimator.meanTalkS(),
        stillAnswers: (p, age) => estimator.stillAnswers(p, age),
        releases: (age, h) => estimator.releases(age, h),
        windowLive: res.humans,
        windowAbandoned: res.abandoned,
        abandonThreshold: params.abandonThreshold,
        maxConcurrent: params.maxConcurrent,
      });
      const n = Math.min(cps.take(decision.dials, t * 1000), leadsLeft);
      for (let i = 0; i < n; i++) {
        leadsLeft--;
        res.dials++;
        const dial: Dial = { startT: t + i / params.cps, open: true };
        outstanding.add(dial);
        heap.push({ t: dial.startT, kind: 'resolve', dial });
      }
      // Drop finished calls from the age list now and then.
      if (calls.length > 4 * params.robots) {
        for (let i = calls.length - 1; i >= 0; i--) if (calls[i]![0] <= t) calls.splice(i, 1);
      }
      continue;
    }
    if (ev.kind === 'resolve') {
      const d = ev.dial;
      if (d.open && d.startT === t) {
        // Dial placed: decide its fate now and schedule the moment it stops ringing.
        const hour = Math.floor(t / 3600) % 24;
        const u = r();
        const pHuman = params.answerRateByHour[hour]!;
        let ringS: number;
        let fate: 'human' | 'busy' | 'machine' | 'noanswer';
        if (u < pHuman) {
          fate = 'human';
          ringS = answerDelay(r, params.ringTimeoutS);
        } else if (u < pHuman + params.busyRate) {
          fate = 'busy';
          ringS = 2 + 3 * r();
        } else if (u < pHuman + params.busyRate + params.machineRate) {
          fate = 'machine';
          ringS = 6 + 8 * r();
        } else {
          fate = 'noanswer';
          ringS = params.ringTimeoutS;
        }
        fates.set(d, fate);
        heap.push({ t: t + ringS, kind: 'resolve', dial: d });
        continue;
      }
      if (!d.open) continue;
      d.open = false;
      outstanding.delete(d);
      const fate = fates.get(d)!;
      fates.delete(d);
      const ringS = t - d.startT;
      estimator.recordDial(fate === 'human', ringS, t * 1000);
      if (fate !== 'human') continue;
      res.humans++;
      const talkS = talkTime(r);
      if (waiting.length === 0 && freeRobots > 0) {
        startCall(t, talkS);
        estimator.recordTalk(talkS);
      } else {
        const w: Waiting = { answeredT: t, talkS, served: false };
        waiting.push(w);
        heap.push({ t: t + params.abandonAfterS, kind: 'giveup', wait: w });
        serveWaiting(t);
      }
      continue;
    }
    if (ev.kind === 'end') {
      freeRobots++;
      serveWaiting(t);
      continue;
    }
    if (ev.kind === 'giveup') {
      const w = ev.wait;
      if (w.served) continue;
      w.served = true;
      waiting.splice(waiting.indexOf(w), 1);
      res.abandoned++;
      if (res.humans >= 100) res.maxRolling = Math.max(res.maxRolling, res.abandoned / res.humans);
    }
  }

  function serveWaiting(t: number): void {
    while (waiting.length > 0 && freeRobots > 0) {
      const w = waiting.shift()!;
      w.served = true;
      startCall(t, w.talkS);
      estimator.recordTalk(w.talkS);
    }
  }

  const hours = (endS - startS) / 3600;
  return {
    dials: res.dials,
    humans: res.humans,
    connected: res.connected,
    abandoned: res.abandoned,
    abandonRate: res.humans > 0 ? res.abandoned / res.humans : 0,
    maxRollingAbandonRate: res.maxRolling,
    occupancy: busySeconds / (params.robots * (endS - startS)),
    callsPerSlotHour: res.connected / (params.robots * hours),
  };
}

export { rng };
