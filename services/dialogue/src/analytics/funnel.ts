/** The part of a call record the funnel needs (works for stored records and for proto records). */
export interface FunnelCall {
  path: readonly string[];
  turns: readonly { nodeId: string; intent: string; bargedIn: boolean }[];
  hangupParty: string;
  grade: string;
  startedAtMs: number;
}

export interface FunnelRow {
  nodeId: string;
  reached: number;
  bargeIns: number;
  refusals: number;
  hangUps: number;
  silences: number;
  /** Of the calls that reached this node, the fraction that reached the next stage in script order (0 for side prompts and the last stage). */
  conversion: number;
  /** False for side prompts and the last stage, where conversion does not apply. */
  hasNextStage: boolean;
}

export interface Funnel {
  calls: number;
  nodes: FunnelRow[];
  grades: Record<string, number>;
  /** Grade counts per time bucket (bucket start in Unix ms). */
  gradesOverTime: { bucketStartMs: number; grades: Record<string, number> }[];
}

/** Stage order of the script's main-line nodes, for "conversion to the next stage". */
export type StageOf = (nodeId: string) => number | undefined;

/**
 * Where callees drop off: per node, how many calls reached it, were cut short there, refused,
 * hung up (the callee ended the call while the robot was at that node), stayed silent, and how
 * many moved on to the next stage (a refusal that jumps to the closing stage does not count). Main-line
 * nodes come first in stage order, then side prompts.
 */
export function computeFunnel(calls: readonly FunnelCall[], stageOf: StageOf, bucketMs = 3_600_000): Funnel {
  const rows = new Map<string, FunnelRow & { converted: number }>();
  const row = (id: string): FunnelRow & { converted: number } => {
    let r = rows.get(id);
    if (!r) {
      r = { nodeId: id, reached: 0, bargeIns: 0, refusals: 0, hangUps: 0, silences: 0, conversion: 0, hasNextStage: false, converted: 0 };
      rows.set(id, r);
    }
    return r;
  };
  const grades: Record<string, number> = {};
  const buckets = new Map<number, Record<string, number>>();
  for (const call of calls) {
    const grade = call.grade || 'none';
    grades[grade] = (grades[grade] ?? 0) + 1;
    const b = Math.floor(call.startedAtMs / bucketMs) * bucketMs;
    const bucket = buckets.get(b) ?? {};
    bucket[grade] = (bucket[grade] ?? 0) + 1;
    buckets.set(b, bucket);

    const seen = new Set<string>();
    call.path.forEach((id, i) => {
      if (seen.has(id)) return;
      seen.add(id);
      const r = row(id);
      r.reached++;
      const stage = stageOf(id);
      if (stage !== undefined && call.path.slice(i + 1).some((later) => stageOf(later) === stage + 1)) r.converted++;
    });
    for (const t of call.turns) {
      const r = row(t.nodeId);
      if (t.bargedIn) r.bargeIns++;
      if (t.intent === 'negative') r.refusals++;
      if (t.intent === 'silence') r.silences++;
    }
    const last = call.path[call.path.length - 1];
    if (last && call.hangupParty === 'callee') row(last).hangUps++;
  }
  const lastStage = Math.max(-1, ...[...rows.keys()].map((id) => stageOf(id) ?? -1));
  // Main-line nodes in stage order first, then side prompts (answers, silence, closings of no stage), each by first appearance.
  const order = (id: string): number => stageOf(id) ?? lastStage + 1;
  const ordered = [...rows.values()].map((r, i) => ({ r, i })).sort((a, b) => order(a.r.nodeId) - order(b.r.nodeId) || a.i - b.i);
  return {
    calls: calls.length,
    nodes: ordered.map(({ r: { converted, ...r } }) => {
      const stage = stageOf(r.nodeId);
      const hasNext = stage !== undefined && stage < lastStage;
      return { ...r, hasNextStage: hasNext, conversion: hasNext && r.reached > 0 ? converted / r.reached : 0 };
    }),
    grades,
    gradesOverTime: [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([bucketStartMs, g]) => ({ bucketStartMs, grades: g })),
  };
}

/** Stage order from a script's stages map and node→stage assignment. */
export function stageOrder(stages: Record<string, unknown>, nodes: Record<string, { stage: string }>): StageOf {
  const order = new Map(Object.keys(stages).map((s, i) => [s, i]));
  return (nodeId) => {
    const n = nodes[nodeId];
    return n ? order.get(n.stage) : undefined;
  };
}
