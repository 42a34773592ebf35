import { z } from 'zod';
import {
  bindServer, createLogger, createRegistry, envBool, fromRoot, grpc, HealthService, openDatabase,
  runMigrations, SERVER_OPTIONS, startOpsServer, voicebotService, type commonShape, type Logger,
} from '@voicebot/common';
import { createDialerClient } from './dialer/dialer-client.ts';
import { DialerOutbox } from './dialer/outbox.ts';
import { ActiveCalls, createConverseHandler } from './grpc/converse.ts';
import { createDialogueService } from './grpc/dialogue-service.ts';
import { createMetrics } from './metrics.ts';
import { DialogueStore } from './store/dialogue-store.ts';
import { ScriptRegistry } from './store/script-registry.ts';

export const configShape = {
  grpcHost: z.string().default('127.0.0.1').describe('gRPC bind host'),
  grpcPort: z.coerce.number().int().min(0).max(65535).default(50061).describe('gRPC port (CallSessionService, DialogueService, health)'),
  httpHost: z.string().default('127.0.0.1').describe('HTTP ops bind host'),
  httpPort: z.coerce.number().int().min(0).max(65535).default(9461).describe('HTTP port for /metrics, /healthz, /readyz'),
  dialerAddr: z.string().default('127.0.0.1:50062').describe('Dialer gRPC address (do-not-call, call outcomes)'),
  dialerTimeoutMs: z.coerce.number().int().min(100).max(60_000).default(3000).describe('Deadline of each dialer call'),
  outboxIntervalMs: z.coerce.number().int().min(100).max(600_000).default(1000).describe('How often undelivered dialer messages are retried'),
  scriptsDir: z.string().default('services/dialogue/scripts').describe('Scripts uploaded at start-up (new version when changed)'),
  defaultScript: z.string().default('loan-zh').describe('Script used when call_started has no script_id'),
  loadScripts: envBool.default(true).describe('Upload the scripts directory at start-up'),
  graceMs: z.coerce.number().int().min(0).max(600_000).default(15_000).describe('SIGTERM grace period for calls in flight'),
};

type ShapeOutput<S> = { [K in keyof S]: S[K] extends z.ZodTypeAny ? z.output<S[K]> : never };
export type DialogueConfig = ShapeOutput<typeof configShape> & ShapeOutput<typeof commonShape>;

export interface DialogueService {
  grpcPort: number;
  httpUrl: string;
  log: Logger;
  /** Stop taking calls, wait for calls in flight until the deadline, then close everything. */
  stop(deadlineMs?: number): Promise<void>;
}

/** Wire storage, scripts, dialer outbox, gRPC and the ops server together. */
export async function startDialogueService(config: DialogueConfig): Promise<DialogueService> {
  const log = createLogger('dialogue', config.logLevel);
  const registry = createRegistry('dialogue');
  const metrics = createMetrics(registry);
  const health = new HealthService();
  let draining = false;

  const db = await openDatabase(config, log);
  const applied = await runMigrations(db.pool, 'dialogue', fromRoot('services/dialogue/migrations'));
  if (applied.length) log.info({ applied }, 'migrations applied');
  const store = new DialogueStore(db.pool);
  const scripts = new ScriptRegistry(store, log);
  if (config.loadScripts) await scripts.loadDirectory(fromRoot(config.scriptsDir));

  const dialer = createDialerClient(config.dialerAddr, config.dialerTimeoutMs);
  const outbox = new DialerOutbox(store, dialer, log, {
    delivered: (kind) => metrics.dialer.inc({ kind, result: 'ok' }),
    failed: (kind) => metrics.dialer.inc({ kind, result: 'error' }),
    rejected: (kind) => metrics.dialer.inc({ kind, result: 'rejected' }),
    pending: (n) => metrics.outboxPending.set(n),
  }, config.outboxIntervalMs);
  outbox.start();

  const active = new ActiveCalls();
  const server = new grpc.Server(SERVER_OPTIONS);
  server.addService(voicebotService('CallSessionService').service, {
    Converse: createConverseHandler({ registry: scripts, store, outbox, metrics, log, defaultScript: config.defaultScript, accepting: () => !draining }, active),
  });
  server.addService(voicebotService('DialogueService').service, createDialogueService({ registry: scripts, store, log }));
  health.addTo(server);
  const grpcPort = await bindServer(server, config.grpcHost, config.grpcPort);
  health.set('SERVING');

  const ops = await startOpsServer({
    host: config.httpHost,
    port: config.httpPort,
    registry,
    ready: async () => {
      if (draining) return false;
      try {
        await db.pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
  });
  log.info({ grpc: `${config.grpcHost}:${grpcPort}`, http: ops.url, store: config.databaseUrl ? 'postgres' : 'pglite' }, 'dialogue service ready');

  let stopping: Promise<void> | undefined;
  const stop = async (deadlineMs: number): Promise<void> => {
    draining = true;
    health.set('NOT_SERVING');
    while (active.byId.size > 0 && Date.now() < deadlineMs) await new Promise((r) => setTimeout(r, 200));
    if (active.byId.size > 0) {
      // Grace is over: cancelling the streams closes each call's record as a network end.
      log.warn({ calls: active.byId.size }, 'grace period over; cancelling calls in flight');
      server.forceShutdown();
      await new Promise((r) => setImmediate(r));
    } else {
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    }
    await active.flushed();
    await outbox.stop();
    dialer.close();
    await ops.close();
    await db.close();
  };
  return {
    grpcPort,
    httpUrl: ops.url,
    log,
    stop: (deadlineMs = Date.now()) => (stopping ??= stop(deadlineMs)),
  };
}
