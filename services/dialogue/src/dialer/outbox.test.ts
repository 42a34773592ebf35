import { describe, expect, it } from 'vitest';
import { createLogger } from '@voicebot/common';
import type { DialogueStore, OutboxRow } from '../store/dialogue-store.ts';
import type { DialerPort } from './dialer-client.ts';
import { backoffMs, DialerOutbox } from './outbox.ts';

/** In-memory stand-in for the outbox table. */
function fakeStore(rows: OutboxRow[]) {
  const state = rows.map((r) => ({ ...r, delivered: false, rejected: false, nextAt: 0, error: '' }));
  const store = {
    dueOutbox: async (now: number) => state.filter((r) => !r.delivered && !r.rejected && r.nextAt <= now).sort((a, b) => Number(b.kind === 'dnc') - Number(a.kind === 'dnc')),
    markDelivered: async (id: number) => {
      const r = state.find((x) => x.id === id)!;
      r.delivered = true;
      r.attempts++;
    },
    markFailed: async (id: number, error: string, next: number) => {
      const r = state.find((x) => x.id === id)!;
      r.attempts++;
      r.error = error;
      r.nextAt = next;
    },
    markRejected: async (id: number, error: string) => {
      const r = state.find((x) => x.id === id)!;
      r.attempts++;
      r.error = error;
      r.rejected = true;
    },
    pendingOutbox: async () => state.filter((r) => !r.delivered && !r.rejected).length,
  };
  return { store: store as unknown as DialogueStore, state };
}

describe('DialerOutbox', () => {
  const log = createLogger('test', 'silent');
  const counts = { delivered: 0, failed: 0, rejected: 0, pending: -1 };
  const metrics = { delivered: () => counts.delivered++, failed: () => counts.failed++, rejected: () => counts.rejected++, pending: (n: number) => (counts.pending = n) };

  it('delivers do-not-call records before outcomes', async () => {
    const sent: string[] = [];
    const dialer: DialerPort = {
      addDoNotCall: async (r) => void sent.push(`dnc:${String(r.call_id)}`),
      reportCallOutcome: async (r) => void sent.push(`outcome:${String(r.call_id)}`),
      close: () => undefined,
    };
    const { store, state } = fakeStore([
      { id: 1, kind: 'outcome', callId: 'a', payload: { call_id: 'a' }, attempts: 0 },
      { id: 2, kind: 'dnc', callId: 'b', payload: { call_id: 'b' }, attempts: 0 },
    ]);
    await new DialerOutbox(store, dialer, log, metrics, 1000).kick();
    expect(sent).toEqual(['dnc:b', 'outcome:a']);
    expect(state.every((r) => r.delivered)).toBe(true);
    expect(counts.pending).toBe(0);
  });

  it('keeps a failed message with a backoff and delivers it once the dialer is back', async () => {
    let up = false;
    const dialer: DialerPort = {
      addDoNotCall: async () => {
        if (!up) throw new Error('14 UNAVAILABLE: dialer down');
      },
      reportCallOutcome: async () => undefined,
      close: () => undefined,
    };
    const { store, state } = fakeStore([{ id: 1, kind: 'dnc', callId: 'a', payload: { call_id: 'a' }, attempts: 0 }]);
    const outbox = new DialerOutbox(store, dialer, log, metrics, 1000);
    await outbox.kick();
    expect(state[0]).toMatchObject({ delivered: false, attempts: 1, error: '14 UNAVAILABLE: dialer down' });
    expect(state[0]!.nextAt).toBeGreaterThan(Date.now());
    up = true;
    state[0]!.nextAt = 0;
    await outbox.kick();
    expect(state[0]).toMatchObject({ delivered: true, attempts: 2 });
  });

  it('stops retrying a message the dialer refuses for good, and counts a duplicate as delivered', async () => {
    const refuse = (code: number) => async () => {
      throw Object.assign(new Error(`${code} refused`), { code });
    };
    const dialer: DialerPort = { addDoNotCall: refuse(6), reportCallOutcome: refuse(3), close: () => undefined };
    const { store, state } = fakeStore([
      { id: 1, kind: 'outcome', callId: 'a', payload: {}, attempts: 0 },
      { id: 2, kind: 'dnc', callId: 'b', payload: {}, attempts: 0 },
    ]);
    await new DialerOutbox(store, dialer, log, metrics, 1000).kick();
    expect(state.find((r) => r.id === 1)).toMatchObject({ rejected: true, delivered: false, error: '3 refused' });
    expect(state.find((r) => r.id === 2)).toMatchObject({ delivered: true });
  });

  it('backs off exponentially up to a minute', () => {
    expect([0, 1, 2, 5, 6, 20].map(backoffMs)).toEqual([1000, 2000, 4000, 32_000, 60_000, 60_000]);
  });
});
