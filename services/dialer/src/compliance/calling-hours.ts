import type { Window } from '../campaign-spec.ts';
import { localTime } from './local-time.ts';

export type HoursCheck = { ok: true } | { ok: false; reason: 'calling_hours' | 'holiday'; zone: string };

/** Is `ms` inside a calling window, and not on a holiday, in every one of `zones`? */
export function checkCallingHours(ms: number, zones: string[], windows: Window[], holidays: readonly string[]): HoursCheck {
  for (const zone of zones) {
    const t = localTime(ms, zone);
    if (holidays.includes(t.date)) return { ok: false, reason: 'holiday', zone };
    const inside = windows.some(
      (w) => (w.weekdays.length === 0 || w.weekdays.includes(t.weekday)) && t.minute >= w.startMinute && t.minute < w.endMinute,
    );
    if (!inside) return { ok: false, reason: 'calling_hours', zone };
  }
  return { ok: true };
}

const STEP_MS = 5 * 60_000;
const HORIZON_MS = 9 * 24 * 3600_000;

/**
 * First instant at or after `fromMs` (5-minute steps, so never before the window opens) when
 * calling is allowed in every zone; null when nothing opens within 9 days.
 */
export function nextAllowedTime(fromMs: number, zones: string[], windows: Window[], holidays: readonly string[]): number | null {
  const start = Math.ceil(fromMs / STEP_MS) * STEP_MS;
  for (let t = start; t <= fromMs + HORIZON_MS; t += STEP_MS) {
    if (checkCallingHours(t, zones, windows, holidays).ok) return t;
  }
  return null;
}
