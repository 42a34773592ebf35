import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, fromRoot, type Logger } from '@voicebot/common';
import { SimulatedCall, type CallEnvironment } from './call.ts';
import { loadClipLibrary, type ClipLibrary } from './clips.ts';
import { FrameClock, realClock } from './frame-clock.ts';
import { newCallRecord, recordError, summarise, type CallRecord, type SimulatorSummary } from './measurements.ts';
import { indexPersonas, loadPersonaFile, numberKey, type ResolvedPersona } from './personas.ts';
import { handleRest, readRestRequest, twilioError, type CallControl, type OriginateRequest } from './rest-api.ts';
import { StatusCallbackQueue } from './status-callbacks.ts';
import { makeComfortNoise, type EchoOptions } from './upstream.ts';

/**
 * The built-in carrier: a Twilio-compatible Calls API on 127.0.0.1 whose callees are personas.
 * See docs/integration.md §1–3 for the wire contract and README in this package for personas.
 */
export type { CallRecord, SimulatorSummary } from './measurements.ts';
export type { ResolvedPersona, Persona, Turn } from './personas.ts';
export { loadPersonaFile } from './personas.ts';
export { parseStreamTwiml, TwimlError } from './twiml.ts';
export { twilioSignature, verifyTwilioSignature } from './signature.ts';

export const DEMO_PERSONA_FILES = {
  zh: fromRoot('packages/carrier-simulator/personas/demo-zh.yaml'),
  en: fromRoot('packages/carrier-simulator/personas/demo-en.yaml'),
} as const;
export const CLIP_CATALOGUE = fromRoot('packages/carrier-simulator/personas/clips.yaml');
export const CALLEE_AUDIO_DIR = fromRoot('assets/callee-audio');

export interface CarrierSimulatorOptions {
  /** 0 = any free port. */
  port: number;
  host?: string;
  /** Persona YAML files, or personas already loaded (tests). */
  personas: string[] | ResolvedPersona[];
  accountSid?: string;
  authToken?: string;
  log?: Logger;
  /** Mix an attenuated copy of the robot's audio into the callee's upstream (echo-gate tests). */
  echo?: EchoOptions;
  /** Line noise level when the callee is quiet; -Infinity = digital silence. */
  comfortNoiseDbfs?: number;
  clipCatalogue?: string;
  calleeAudioDir?: string;
}

export interface CarrierSimulator {
  /** Base URL for VOICEBOT_DIALER_CARRIER_URL. */
  url: string;
  /** Numbers the simulator answers, in persona-file order (for importing the demo leads). */
  personas: ResolvedPersona[];
  stats(): SimulatorSummary;
  /** Hang up every call still up, deliver pending callbacks, stop listening. Idempotent. */
  close(): Promise<void>;
}

export function loadClips(options: Pick<CarrierSimulatorOptions, 'clipCatalogue' | 'calleeAudioDir'> = {}): ClipLibrary {
  return loadClipLibrary(options.clipCatalogue ?? CLIP_CATALOGUE, options.calleeAudioDir ?? CALLEE_AUDIO_DIR);
}

export async function startCarrierSimulator(options: CarrierSimulatorOptions): Promise<CarrierSimulator> {
  const log = options.log ?? createLogger('simulator');
  const accountSid = options.accountSid ?? 'ACdemo';
  const authToken = options.authToken ?? 'demo-auth-token';
  const clips = loadClips(options);
  const personaList = options.personas.every((p): p is string => typeof p === 'string')
    ? (options.personas as string[]).map((file) => ({ where: file, personas: loadPersonaFile(file, (l, s) => clips.has(l, s)) }))
    : [{ where: 'options.personas', personas: options.personas as ResolvedPersona[] }];
  const byNumber = indexPersonas(personaList);
  const globalErrors: string[] = [];
  const clock = new FrameClock(realClock, 10, (err) => {
    globalErrors.push(`frame listener threw: ${(err as Error).message}`);
    log.error({ err }, 'frame listener threw');
  });
  const env: CallEnvironment = {
    accountSid, clips, clock, driver: realClock, noise: makeComfortNoise(options.comfortNoiseDbfs ?? -60), echo: options.echo, log,
  };
  const calls = new Map<string, SimulatedCall>();
  const records: CallRecord[] = [];
  const queues = new Set<StatusCallbackQueue>();

  const control: CallControl = {
    originate(request: OriginateRequest) {
      const sid = `CA${crypto.randomBytes(16).toString('hex')}`;
      const persona = byNumber.get(numberKey(request.to));
      const record = newCallRecord(sid, request.to, persona?.name ?? '(unknown number)', persona?.expectGrade);
      record.callId = request.stream.parameters.callId;
      record.leadId = request.stream.parameters.leadId;
      records.push(record);
      const onError = (message: string) => {
        recordError(record, message);
        log.warn({ callSid: sid }, message);
      };
      const queue = new StatusCallbackQueue(request.statusCallback, authToken, onError);
      queues.add(queue);
      const call = new SimulatedCall(sid, { to: request.to, from: request.from, stream: request.stream, timeoutMs: request.timeoutMs, machineDetection: request.machineDetection }, persona, record, queue, env, () => {
        void queue.drain().then(() => queues.delete(queue));
      });
      calls.set(sid, call);
      call.begin();
      return view(call);
    },
    find(sid) {
      const call = calls.get(sid);
      return call && view(call);
    },
    hangup(sid, status) {
      const call = calls.get(sid);
      if (!call) return 'not_found';
      return call.hangup(status) ? 'ok' : 'not_applicable';
    },
    redirect(sid, verbs) {
      const call = calls.get(sid);
      if (!call) return 'not_found';
      return call.redirect(verbs) ? 'ok' : 'not_applicable';
    },
  };

  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/simulator/stats') return json(res, 200, summarise(records, clock, globalErrors));
    if (req.method === 'GET' && req.url === '/healthz') return json(res, 200, { ok: true });
    void readRestRequest(req).then((parsed) => {
      let reply;
      try {
        reply = 'method' in parsed ? handleRest(parsed, { accountSid, authToken }, control) : parsed;
      } catch (err) {
        log.error({ err }, 'simulator REST handler failed');
        globalErrors.push(`REST handler failed: ${(err as Error).message}`);
        reply = twilioError(500, 20500, 'Internal Server Error');
      }
      json(res, reply.status, reply.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  log.info({ url, personas: byNumber.size }, 'carrier simulator listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    personas: personaList.flatMap((l) => l.personas),
    stats: () => summarise(records, clock, globalErrors),
    close: () => {
      closing ??= (async () => {
        for (const call of calls.values()) call.hangup('completed');
        await Promise.all([...queues].map((q) => q.drain()));
        clock.stop();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}

function view(call: SimulatedCall) {
  return { sid: call.sid, to: call.request.to, from: call.request.from, status: call.status, answeredBy: call.answeredBy, createdAt: call.createdAt, durationSeconds: call.durationSeconds };
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
