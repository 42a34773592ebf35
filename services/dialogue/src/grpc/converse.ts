import { grpc, type Logger } from '@voicebot/common';
import type { DialogueCommand } from '@voicebot/common/generated/voicebot/v1/DialogueCommand';
import type { MediaEvent__Output } from '@voicebot/common/generated/voicebot/v1/MediaEvent';
import type { DialerOutbox } from '../dialer/outbox.ts';
import type { DialogueMetrics } from '../metrics.ts';
import { CallSession, type SessionOutput } from '../session/call-session.ts';
import type { DialogueStore } from '../store/dialogue-store.ts';
import type { ScriptRegistry } from '../store/script-registry.ts';
import { CallPersistence } from './call-persistence.ts';

export interface ConverseDeps {
  registry: ScriptRegistry;
  store: DialogueStore;
  outbox: DialerOutbox;
  metrics: DialogueMetrics;
  log: Logger;
  defaultScript: string;
  /** False while draining: new calls are refused with UNAVAILABLE. */
  accepting: () => boolean;
}

type Stream = grpc.ServerDuplexStream<MediaEvent__Output, DialogueCommand>;

/** Calls with an open stream, so a second `call_started` for the same call is refused. */
export class ActiveCalls {
  readonly byId = new Map<string, CallSession>();
  private readonly writes = new Set<Promise<void>>();

  /** Keep a finished call's pending writes visible until they settle (awaited on shutdown). */
  track(writes: Promise<void>): void {
    this.writes.add(writes);
    void writes.finally(() => this.writes.delete(writes));
  }

  async flushed(): Promise<void> {
    await Promise.all([...this.writes]);
  }
}

function fail(stream: Stream, code: grpc.status, details: string): void {
  stream.emit('error', { code, details, metadata: new grpc.Metadata() });
}

/**
 * `CallSessionService.Converse`: one stream per call. The first event must be `call_started`;
 * its script is resolved once (the call keeps that version); later events run synchronously
 * through the call's session so decisions never wait on I/O. Persistence happens behind.
 */
export function createConverseHandler(deps: ConverseDeps, active: ActiveCalls): (stream: Stream) => void {
  const { log, metrics } = deps;
  return (stream) => {
    let session: CallSession | undefined;
    let persistence: CallPersistence | undefined;
    let starting = false;
    let closed = false;
    const backlog: MediaEvent__Output[] = [];

    const write = (out: SessionOutput): void => {
      if (closed) return;
      for (const cmd of out.commands) stream.write(cmd);
    };

    const finish = (reason: string): void => {
      if (!session || !persistence) return;
      if (!session.isFinished) session.abandon(Date.now(), reason);
      const rec = session.record();
      persistence.finished(rec);
      active.track(persistence.flushed());
      active.byId.delete(session.info.callId);
      metrics.activeCalls.dec();
      log.info({ callId: rec.callId, grade: rec.grade, reason: rec.gradeReason, endReason: rec.endReason, path: rec.path.join('>') }, 'call finished');
      session = undefined;
    };

    const close = (): void => {
      if (closed) return;
      closed = true;
      stream.end();
    };

    const handle = (ev: MediaEvent__Output): void => {
      if (!session || !persistence) return;
      metrics.events.inc({ event: ev.event ?? 'none' });
      if (ev.final_transcript) log.debug({ callId: session.info.callId, seq: ev.seq, text: ev.final_transcript.text, confidence: ev.final_transcript.confidence, duringPlayback: ev.final_transcript.during_playback }, 'final transcript');
      let out: SessionOutput;
      try {
        out = session.handle(ev, Date.now());
      } catch (err) {
        log.error({ err, callId: session.info.callId, event: ev.event }, 'event handling failed; call continues');
        metrics.rejected.inc({ reason: 'internal_error' });
        return;
      }
      if (out.rejected) {
        metrics.rejected.inc({ reason: out.rejected });
        log.warn({ callId: session.info.callId, seq: ev.seq, event: ev.event, reason: out.rejected }, 'media event ignored');
      }
      afterDecision(ev.event ?? 'none', out);
      if (out.ended) {
        finish('call_ended');
        close();
      }
    };

    const afterDecision = (event: string, out: SessionOutput): void => {
      if (!session || !persistence) return;
      write(out);
      if (out.decisionUs !== undefined) metrics.decision.observe({ event }, out.decisionUs / 1e6);
      // Label by kind only ("kb", "slot", "dtmf"): kb ids and slot values would grow the label set.
      if (out.intent) metrics.intents.inc({ intent: out.intent.split(/[:=]/)[0]! });
      if (out.consent) persistence.consent(session.record(), out.consent);
      if (out.optOut) persistence.optOut(session.record(), out.optOut.evidence);
    };

    const begin = async (ev: MediaEvent__Output): Promise<void> => {
      const started = ev.call_started!;
      const callId = ev.call_id;
      if (!callId) return fail(stream, grpc.status.INVALID_ARGUMENT, 'call_started without call_id');
      if (!deps.accepting()) return fail(stream, grpc.status.UNAVAILABLE, 'dialogue service is draining');
      if (active.byId.has(callId)) return fail(stream, grpc.status.ALREADY_EXISTS, `call ${callId} already has an open stream`);
      const scriptId = started.script_id || deps.defaultScript;
      // A database outage must not stop calls: without the lookup a replayed call id is simply not detected.
      const existingCall = deps.store.getCall(callId).catch((err: unknown) => {
        log.warn({ callId, err: err instanceof Error ? err.message : String(err) }, 'cannot check for an earlier record of this call');
        return undefined;
      });
      const [script, existing] = await Promise.all([deps.registry.get(scriptId), existingCall]);
      if (existing?.grade) return fail(stream, grpc.status.FAILED_PRECONDITION, `call ${callId} already ended (grade ${existing.grade})`);
      if (!script) return fail(stream, grpc.status.NOT_FOUND, `unknown script '${scriptId}'`);
      if (active.byId.has(callId)) return fail(stream, grpc.status.ALREADY_EXISTS, `call ${callId} already has an open stream`);
      session = new CallSession({ callId, started, startedAtMs: Date.now() }, script);
      persistence = new CallPersistence(deps.store, deps.outbox, metrics, log.child({ callId }));
      active.byId.set(callId, session);
      metrics.activeCalls.inc();
      log.info({ callId, campaignId: started.campaign_id, script: `${script.id}@${script.version}`, answeredBy: started.answered_by, callee: started.callee_masked }, 'call started');
      const out = session.start(ev.seq);
      persistence.started(session.record());
      afterDecision('call_started', out);
      for (const queued of backlog.splice(0)) handle(queued);
    };

    stream.on('data', (ev: MediaEvent__Output) => {
      if (closed) return;
      if (session) return handle(ev);
      if (starting) {
        backlog.push(ev);
        return;
      }
      if (ev.event !== 'call_started') {
        metrics.rejected.inc({ reason: 'no_call_started' });
        log.warn({ callId: ev.call_id, event: ev.event }, 'event before call_started');
        closed = true;
        return fail(stream, grpc.status.FAILED_PRECONDITION, `first event must be call_started (got ${ev.event ?? 'nothing'} for call '${ev.call_id}')`);
      }
      starting = true;
      begin(ev)
        .catch((err: unknown) => {
          log.error({ err, callId: ev.call_id }, 'call start failed');
          fail(stream, grpc.status.INTERNAL, `call start failed: ${err instanceof Error ? err.message : String(err)}`);
        })
        .finally(() => {
          starting = false;
        });
    });
    stream.on('end', () => {
      finish('stream_closed');
      close();
    });
    stream.on('cancelled', () => {
      closed = true;
      finish('stream_cancelled');
    });
    stream.on('error', (err) => {
      log.warn({ err: err.message }, 'converse stream error');
      closed = true;
      finish('stream_error');
    });
  };
}
