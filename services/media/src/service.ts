import os from 'node:os';
import { HealthService, type Logger, SERVER_OPTIONS, bindServer, fromRoot, grpc, parseCarrierSecrets, startOpsServer, type OpsServer } from '@voicebot/common';
import { detectModel, modelSampleRate, recognizerConfig } from './asr/model-dir.ts';
import { defaultVadModel } from './asr/vad-model.ts';
import { WorkerPool } from './asr/worker-pool.ts';
import { PromptCache } from './audio/prompt-cache.ts';
import { createFrameDecoder } from './codec/inbound-decoder.ts';
import type { MediaConfig } from './config.ts';
import { CapacityReporter } from './dialer/capacity-reporter.ts';
import { type DialoguePort, GrpcDialogue } from './dialogue/converse.ts';
import { WS_ROUTES } from './framing/registry.ts';
import type { StreamStart } from './framing/types.ts';
import { type MediaMetrics, createMediaMetrics } from './metrics.ts';
import { CallSession } from './session/call-session.ts';
import { AudioSocketServer } from './transport/audiosocket-server.ts';
import { CarrierWsServer, type ConnectionHandler } from './transport/ws-server.ts';

/**
 * The media service assembled: ASR worker pool, carrier WebSocket server, dialogue and dialer
 * clients, gRPC health and the HTTP ops surface. `start` resolves once it listens everywhere;
 * `/readyz` turns true only when the workers are warm.
 */
export interface MediaServiceOptions {
  config: MediaConfig;
  log: Logger;
  /** Replaces the gRPC dialogue client (tests). */
  dialogue?: DialoguePort;
  /** Listen for AudioSocket even when the configured port is 0 (tests: pick a free port). */
  audiosocketAnyPort?: boolean;
}

export class MediaService {
  readonly metrics: MediaMetrics;
  private readonly sessions = new Set<CallSession>();
  private pool!: WorkerPool;
  private ws!: CarrierWsServer;
  private ops!: OpsServer;
  private grpcServer!: grpc.Server;
  private readonly health = new HealthService();
  private dialogue!: DialoguePort;
  private capacity!: CapacityReporter;
  private ticker: NodeJS.Timeout | undefined;
  private draining = false;
  private readonly workerBusy = new Map<number, number>();
  modelName = 'none';
  ports = { ws: 0, http: 0, grpc: 0, audiosocket: 0 };
  private audiosocket: AudioSocketServer | undefined;

  constructor(private readonly opts: MediaServiceOptions) {
    this.metrics = createMediaMetrics();
  }

  get activeCalls(): number {
    let n = 0;
    for (const s of this.sessions) if (s.active) n++;
    return n;
  }

  get ready(): boolean {
    return !this.draining && this.pool?.ready === true;
  }

  async start(): Promise<void> {
    const { config, log } = this.opts;
    const secrets = parseCarrierSecrets(config.carrierSecrets);
    const workers = config.workers || os.availableParallelism();
    let recognizer: Record<string, unknown> | null = null;
    let recognizerRate = 16000;
    if (config.asrModel !== 'none') {
      const model = detectModel(fromRoot(config.asrModel));
      recognizer = recognizerConfig(model);
      recognizerRate = modelSampleRate(model);
      this.modelName = `${model.name} (${model.kind})`;
    }
    const vadModel = config.vadModel ? fromRoot(config.vadModel) : defaultVadModel();
    this.pool = new WorkerPool({
      size: workers,
      slotsPerWorker: Math.ceil(config.maxCalls / workers),
      warmSlots: config.warmSlots,
      log,
      restartBackoffMs: 200,
      init: {
        vad: {
          model: vadModel,
          threshold: config.vadThreshold,
          minSpeechMs: config.vadMinSpeechMs,
          minSilenceMs: config.vadMinSilenceMs,
          energyGate: config.energyGateDbfs <= -120 ? 0 : 10 ** (config.energyGateDbfs / 20),
        },
        recognizer,
        recognizerRate,
        partialIntervalMs: config.partialIntervalMs,
      },
    });
    this.pool.on('restart', () => {
      this.metrics.workerRestarts.inc();
      this.capacity?.changed();
    });
    this.pool.on('stats', (index, s) => {
      this.metrics.vadWindows.inc({ outcome: 'inferred' }, s.inferred);
      this.metrics.vadWindows.inc({ outcome: 'gated' }, s.windows - s.inferred);
      this.metrics.workerBusy.set({ worker: String(index) }, Math.min(1, s.busyMs / 1000));
      this.workerBusy.set(index, s.busyMs / 1000);
    });

    this.ops = await startOpsServer({ host: config.host, port: config.httpPort, registry: this.metrics.registry, ready: () => this.ready });
    this.ports.http = this.ops.port;

    this.grpcServer = new grpc.Server(SERVER_OPTIONS);
    this.health.addTo(this.grpcServer);
    this.ports.grpc = await bindServer(this.grpcServer, config.host, config.grpcPort);

    const poolStarted = Date.now();
    await this.pool.start();
    log.info({ workers, model: this.modelName, vadModel, warmupMs: Date.now() - poolStarted }, 'ASR workers warm');

    this.dialogue = this.opts.dialogue ?? new GrpcDialogue(config.dialogueAddr, config.maxCallMs);
    const prompts = new PromptCache(fromRoot(config.promptsDir));
    const sessionDeps = {
      log,
      metrics: this.metrics,
      asr: this.pool,
      dialogue: this.dialogue,
      prompts,
      settings: {
        bargeInMinSpeechMs: config.bargeInMinSpeechMs,
        noInputTimeoutMs: config.noInputTimeoutMs,
        playoutLeadMs: config.playoutLeadMs,
        echoGate: config.echoGate,
        maxSocketBufferBytes: config.maxSocketBufferBytes,
      },
      createDecoder: (start: StreamStart) => createFrameDecoder(start.format),
      now: () => performance.now(),
      ended: (s: CallSession) => {
        this.sessions.delete(s);
        this.capacity?.changed();
      },
    };

    const admission = (): 'draining' | 'at_capacity' | undefined => (this.draining ? 'draining' : this.sessions.size >= config.maxCalls ? 'at_capacity' : undefined);
    const handler: ConnectionHandler = {
      open: (adapter, transport, callId) => {
        const session = new CallSession(adapter, transport, callId, sessionDeps);
        this.sessions.add(session);
        this.capacity?.changed();
        return { message: (data, isBinary) => session.onMessage(data, isBinary), closed: (code) => session.onTransportClosed(code) };
      },
    };
    this.ws = await CarrierWsServer.start({
      host: config.host,
      port: config.wsPort,
      routes: WS_ROUTES,
      secrets,
      maxFrameBytes: config.maxFrameBytes,
      maxMessagesPerSecond: config.maxMessagesPerSecond,
      idleTimeoutS: config.idleTimeoutS,
      maxSocketBufferBytes: config.maxSocketBufferBytes,
      admission,
      handler,
      metrics: this.metrics,
      log,
    });
    this.ports.ws = this.ws.port;

    if (config.audiosocketPort > 0 || this.opts.audiosocketAnyPort) {
      this.audiosocket = new AudioSocketServer({
        host: config.host,
        port: config.audiosocketPort,
        secret: secrets.audiosocket,
        idleTimeoutS: config.idleTimeoutS,
        admission,
        handler,
        metrics: this.metrics,
        log,
      });
      await this.audiosocket.listen();
      this.ports.audiosocket = this.audiosocket.port;
    }

    let ticks = 0;
    this.ticker = setInterval(() => {
      const now = performance.now();
      if (++ticks % 50 === 0) this.sampleGauges();
      for (const s of this.sessions) {
        try {
          s.tick(now);
        } catch (err) {
          log.error({ err, callId: s.callId }, 'session tick failed; ending that call');
          s.end('HANGUP_PARTY_SYSTEM', `error: ${(err as Error).message}`, 1011, 'internal error');
        }
      }
    }, 20);

    this.capacity = new CapacityReporter(
      config.dialerAddr,
      () => ({ instance_id: config.instanceId, total_slots: config.maxCalls, free_slots: Math.max(0, config.maxCalls - this.sessions.size), active_calls: this.activeCalls, accepting: !this.draining }),
      config.capacityReportMs,
      log,
    );
    this.capacity.start();
    this.health.set('SERVING');
    log.info({ ws: `ws://${config.host}:${this.ports.ws}`, http: this.ops.url, grpc: this.ports.grpc, routes: WS_ROUTES.map((r) => r.path), audiosocket: this.ports.audiosocket || 'off' }, 'media service listening');
  }

  private sampleGauges(): void {
    this.metrics.freeSlots.set(this.pool.freeSlots);
    this.metrics.queueDepth.set(this.pool.queueDepth);
    this.metrics.workerBacklog.set(this.pool.maxBacklogSamples() / 16000);
  }

  /** Test and chaos hook. */
  get workerPool(): WorkerPool {
    return this.pool;
  }

  /**
   * SIGTERM: refuse new calls (1013 "draining"), report zero capacity, let calls in flight finish
   * until `deadlineMs` (Date.now() based), then end the rest and stop.
   */
  async drain(deadlineMs: number): Promise<void> {
    const { log } = this.opts;
    this.draining = true;
    this.health.set('NOT_SERVING');
    await this.capacity?.report();
    log.info({ activeCalls: this.activeCalls }, 'draining: refusing new calls');
    while (this.sessions.size > 0 && Date.now() < deadlineMs) await new Promise((r) => setTimeout(r, 200));
    for (const s of [...this.sessions]) s.end('HANGUP_PARTY_SYSTEM', 'drain', 1001, 'media instance shutting down');
    await this.close();
  }

  async close(): Promise<void> {
    clearInterval(this.ticker);
    this.ws?.stopListening();
    this.ws?.closeAll(1001, 'media instance shutting down');
    this.audiosocket?.close();
    this.capacity?.stop();
    this.dialogue?.close();
    await this.pool?.close();
    await this.ops?.close();
    await new Promise<void>((resolve) => (this.grpcServer ? this.grpcServer.tryShutdown(() => resolve()) : resolve()));
  }
}
