/** Nearest-rank percentile of a sample (p in [0, 100]); NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function round1(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 10) / 10 : 0;
}
