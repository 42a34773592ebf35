import os from 'node:os';
import type { z } from 'zod';
import {
  bindServer,
  createRegistry,
  fromRoot,
  grpc,
  HealthService,
  openDatabase,
  runMigrations,
  SERVER_OPTIONS,
  startOpsServer,
  voicebotService,
  type commonShape,
  type Database,
  type Logger,
  type Pool,
} from '@voicebot/common';
import { dialerPool } from './store/pool.ts';
import type { dialerConfigShape } from './config.ts';
import type { CarrierAdapter } from './carrier/carrier.ts';
import { TwilioRestCarrier } from './carrier/twilio-rest.ts';
import { AriCarrier } from './carrier/ari.ts';
import type { StatusUpdate } from './store/attempts.ts';
import { Dialer } from './dialer.ts';
import { dialerServiceHandlers } from './grpc-service.ts';
import { promptExists, promptRoute } from './http/prompt-route.ts';
import { importRoute } from './http/import-route.ts';
import { twilioStatusCallback } from './http/status-callback.ts';
import { createDialerMetrics } from './metrics.ts';
import type { PacingController } from './pacing/controller.ts';
import { FixedRatioController } from './pacing/fixed-ratio.ts';
import { PredictiveController } from './pacing/predictive.ts';
import { VicidialAdaptiveController } from './pacing/vicidial-adaptive.ts';
import { CrmWebhookSender } from './crm/webhooks.ts';

export type DialerConfig = z.infer<z.ZodObject<typeof dialerConfigShape & typeof commonShape>>;

export interface RunningDialer {
  dialer: Dialer;
  db: Database;
  /** The pool the dialer uses (one connection on PGlite). */
  pool: Pool;
  grpcPort: number;
  httpUrl: string;
  /** Stop taking work, finish in-flight originates, close servers and storage. */
  close(): Promise<void>;
}

function controllerFactory(kind: DialerConfig['pacing']): () => PacingController {
  switch (kind) {
    case 'vicidial':
      return () => new VicidialAdaptiveController();
    case 'fixed1':
      return () => new FixedRatioController(1);
    case 'fixed3':
      return () => new FixedRatioController(3);
    default:
      return () => new PredictiveController();
  }
}

export function buildCarriers(config: DialerConfig, log: Logger, onStatus: (u: StatusUpdate) => Promise<unknown>): Map<string, CarrierAdapter> {
  const common = {
    mediaWsUrl: config.mediaWsUrl,
    mediaTokenSecret: config.mediaTokenSecret,
    publicUrl: config.publicUrl,
    requestTimeoutMs: config.requestTimeoutMs,
  };
  const carriers = new Map<string, CarrierAdapter>();
  carriers.set(
    'simulator',
    new TwilioRestCarrier({ name: 'simulator', baseUrl: config.carrierUrl, accountSid: config.carrierAccountSid, authToken: config.carrierAuthToken, ...common }),
  );
  if (config.twilioAccountSid && config.twilioAuthToken) {
    carriers.set(
      'twilio',
      new TwilioRestCarrier({ name: 'twilio', baseUrl: config.twilioUrl, accountSid: config.twilioAccountSid, authToken: config.twilioAuthToken, ...common }),
    );
  }
  if (config.ariUrl) {
    carriers.set(
      'ari',
      new AriCarrier({
        baseUrl: config.ariUrl,
        user: config.ariUser,
        password: config.ariPassword,
        app: config.ariApp,
        endpointTemplate: config.ariEndpointTemplate,
        mediaHost: config.ariMediaHost,
        requestTimeoutMs: config.requestTimeoutMs,
        log,
        onStatus,
      }),
    );
  }
  log.info({ carriers: [...carriers.keys()] }, 'carrier adapters');
  return carriers;
}

/** Start the dialer: storage + migrations, gRPC (DialerService + health), HTTP, pacing. */
export async function startDialerService(config: DialerConfig, log: Logger): Promise<RunningDialer> {
  const registry = createRegistry('dialer');
  const metrics = createDialerMetrics(registry);
  const db = await openDatabase(config, log);
  const { pool, close: closePool } = await dialerPool(db, log);
  const applied = await runMigrations(pool, 'dialer', fromRoot('services/dialer/migrations'));
  if (applied.length) log.info({ applied }, 'migrations applied');
  // Carriers that push statuses (ARI) reach the dialer through this late-bound hook.
  let statusSink: (u: StatusUpdate) => Promise<unknown> = async () => null;
  const carriers = buildCarriers(config, log, (u) => statusSink(u));
  const dialer = new Dialer(
    { pool, log, metrics, carriers, controller: controllerFactory(config.pacing) },
    {
      owner: config.instanceId || `${os.hostname()}:${process.pid}`,
      tickMs: config.tickMs,
      leaseTtlMs: config.leaseTtlMs,
      ringTimeoutS: config.ringTimeoutS,
      maxCallS: config.maxCallS,
      reconcileEveryMs: config.reconcileEveryMs,
      reconcileGraceS: config.reconcileGraceS,
      quarantineDays: config.quarantineDays,
      crmGrades: config.crmGrades.split(',').map((g) => g.trim()).filter(Boolean),
      abandonWhenNoSlot: config.abandonWhenNoSlot,
      capacityStaleMs: config.capacityStaleMs,
      fallbackSlots: config.fallbackSlots,
      promptExists: (scriptId, promptId) => promptExists(config.promptsDir, scriptId, promptId),
    },
  );
  statusSink = (u) => dialer.onCarrierStatus(u);
  const crm = new CrmWebhookSender({ pool, log, metrics, url: config.crmWebhookUrl, secret: config.crmWebhookSecret });

  const health = new HealthService();
  const server = new grpc.Server({ ...SERVER_OPTIONS, 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
  server.addService(voicebotService('DialerService').service, dialerServiceHandlers(dialer, log) as grpc.UntypedServiceImplementation);
  health.addTo(server);
  const grpcPort = await bindServer(server, config.host, config.grpcPort);

  let draining = false;
  const authTokens = [config.carrierAuthToken, config.twilioAuthToken].filter(Boolean);
  const ops = await startOpsServer({
    host: config.host,
    port: config.httpPort,
    registry,
    ready: async () => {
      if (draining) return false;
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    routes: {
      '/carrier/twilio/status': twilioStatusCallback({ publicUrl: config.publicUrl, authTokens, log, apply: (u) => dialer.onCarrierStatus(u), now: Date.now }),
      '/carrier/prompt': promptRoute(config.promptsDir),
      '/leads/import': importRoute((id, chunks) => dialer.importLeads(id, chunks), log),
    },
  });
  await dialer.start();
  crm.start();
  const ari = carriers.get('ari');
  if (ari instanceof AriCarrier) ari.connect();
  health.set('SERVING');
  log.info({ grpcPort, http: ops.url, storage: db.embedded ? 'pglite (embedded here)' : config.databaseUrl ? 'postgresql' : 'pglite (shared)' }, 'dialer ready');

  return {
    dialer,
    db,
    pool,
    grpcPort,
    httpUrl: ops.url,
    close: async () => {
      draining = true;
      health.set('NOT_SERVING');
      await dialer.stop();
      await crm.stop();
      if (ari instanceof AriCarrier) await ari.close();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      await ops.close();
      await closePool();
      await db.close();
    },
  };
}
