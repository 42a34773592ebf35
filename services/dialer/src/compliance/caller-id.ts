/** Caller-id rotation: the least-used number today that is neither quarantined nor at its daily cap. */
export interface CallerIdState {
  callerId: string;
  callsToday: number;
  /** Quarantined (complaints) until this instant; null when clear. */
  quarantinedUntilMs: number | null;
}

export function pickCallerId(states: readonly CallerIdState[], dailyCap: number, nowMs: number): string | null {
  let best: CallerIdState | null = null;
  for (const s of states) {
    if (s.quarantinedUntilMs !== null && s.quarantinedUntilMs > nowMs) continue;
    if (dailyCap > 0 && s.callsToday >= dailyCap) continue;
    if (!best || s.callsToday < best.callsToday) best = s;
  }
  return best?.callerId ?? null;
}

/** The usage day key (UTC) for daily caps. */
export function usageDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
