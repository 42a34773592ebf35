import os from 'node:os';
import { envBool, loadConfig } from '@voicebot/common';
import { z } from 'zod';

const port = (d: number) => z.coerce.number().int().min(0).max(65535).default(d);

/** Every VOICEBOT_MEDIA_* variable, validated once at start-up. */
export const mediaConfigShape = {
  host: z.string().default('127.0.0.1').describe('Address every listener binds'),
  grpcPort: port(50063).describe('gRPC port (grpc.health.v1)'),
  httpPort: port(9463).describe('HTTP ops port: /metrics /healthz /readyz'),
  wsPort: port(8081).describe('Carrier WebSocket port (uWebSockets.js)'),
  audiosocketPort: port(8089).describe('Asterisk AudioSocket TCP port (0 disables)'),
  dialogueAddr: z.string().default('127.0.0.1:50061').describe('Dialogue service gRPC address (CallSessionService.Converse)'),
  dialerAddr: z.string().default('127.0.0.1:50062').describe('Dialer service gRPC address (ReportCapacity)'),
  carrierSecrets: z
    .string()
    .default('twilio:demo-media-secret,telnyx:demo-media-secret,plivo:demo-media-secret,exotel:demo-media-secret,asterisk:demo-media-secret,vonage:demo-media-secret,jambonz:demo-media-secret,rtp:demo-media-secret,audiosocket:demo-media-secret')
    .describe('Per-carrier token secrets, carrier:secret,...'),
  promptsDir: z.string().default('assets/prompts').describe('Prompt recordings: <dir>/<scriptId>/<promptId>.wav'),
  asrModel: z.string().default('wasm/models/voicebot-tel-zh-en').describe('Streaming ASR model directory; "none" runs VAD only'),
  vadModel: z.string().default('').describe('Silero VAD v5 ONNX file; empty = the one shipped in @ricky0123/vad-web'),
  workers: z.coerce.number().int().min(0).max(64).default(0).describe('ASR worker threads; 0 = one per core'),
  maxCalls: z.coerce.number().int().min(1).max(10000).default(120).describe('Concurrent calls accepted'),
  warmSlots: z.coerce.number().int().min(1).max(1000).default(8).describe('VAD instances each worker creates before it is ready'),
  vadThreshold: z.coerce.number().min(0.05).max(0.95).default(0.5).describe('Silero speech probability threshold'),
  vadMinSpeechMs: z.coerce.number().int().min(0).max(2000).default(64).describe('Speech needed before the VAD reports speech'),
  vadMinSilenceMs: z.coerce.number().int().min(32).max(5000).default(400).describe('Silence that ends an utterance'),
  energyGateDbfs: z.coerce.number().min(-120).max(0).default(-50).describe('Skip VAD inference on windows quieter than this while not in speech (-120 disables)'),
  partialIntervalMs: z.coerce.number().int().min(32).max(5000).default(160).describe('Spacing of partial transcripts'),
  bargeInMinSpeechMs: z.coerce.number().int().min(0).max(5000).default(80).describe('Default minimum speech for the "speech" barge-in policy'),
  noInputTimeoutMs: z.coerce.number().int().min(500).max(120000).default(6000).describe('Default silence after a prompt before silence_timeout'),
  playoutLeadMs: z.coerce.number().int().min(20).max(5000).default(400).describe('How far ahead audio is sent to peers that buffer playback'),
  echoGate: envBool.default(true).describe('Ignore inbound audio that is our own prompt echoed back'),
  maxFrameBytes: z.coerce.number().int().min(1024).max(1048576).default(65536).describe('Largest carrier WebSocket message accepted'),
  maxMessagesPerSecond: z.coerce.number().int().min(10).max(10000).default(250).describe('Per-connection inbound message rate limit'),
  idleTimeoutS: z.coerce.number().int().min(8).max(960).default(30).describe('Close carrier connections silent for this long'),
  maxSocketBufferBytes: z.coerce.number().int().min(4096).max(16777216).default(262144).describe('Outbound bytes queued per socket before playout pauses'),
  drainGraceMs: z.coerce.number().int().min(0).max(3600000).default(30000).describe('On SIGTERM, how long calls may continue before they are ended'),
  maxCallMs: z.coerce.number().int().min(10000).max(86400000).default(2 * 3600 * 1000).describe('Deadline of one Converse stream'),
  capacityReportMs: z.coerce.number().int().min(200).max(60000).default(2000).describe('ReportCapacity period'),
  instanceId: z.string().default(`${os.hostname()}-${process.pid}`).describe('Instance id reported to the dialer (default: <hostname>-<pid>)'),
};

export type MediaConfig = ReturnType<typeof loadMediaConfig>;

export function loadMediaConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig('media', mediaConfigShape, env);
}
