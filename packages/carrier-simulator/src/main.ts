/**
 * Standalone carrier simulator: `node --import tsx packages/carrier-simulator/src/main.ts`.
 * Configured by VOICEBOT_SIMULATOR_* variables; GET /simulator/stats shows what it measured.
 */
import { z } from 'zod';
import { ConfigError, createLogger, envBool, fromRoot, loadConfig, onShutdown } from '@voicebot/common';
import { DEMO_PERSONA_FILES, startCarrierSimulator } from './index.ts';

const shape = {
  httpPort: z.coerce.number().int().min(0).max(65535).default(8090).describe('Port of the Twilio-compatible REST API'),
  httpHost: z.string().default('127.0.0.1').describe('Address the REST API binds'),
  personas: z.string().default(DEMO_PERSONA_FILES.zh).describe('Comma-separated persona YAML files'),
  accountSid: z.string().min(1).default('ACdemo').describe('Twilio AccountSid the API accepts'),
  authToken: z.string().min(1).default('demo-auth-token').describe('Twilio AuthToken: basic-auth password and callback signing key'),
  echo: envBool.default(false).describe('Mix an attenuated echo of the robot audio into the callee upstream'),
  echoGainDb: z.coerce.number().max(0).default(-20).describe('Echo path gain (dB) when echo is on'),
  echoDelayMs: z.coerce.number().int().min(0).max(500).default(60).describe('Echo path delay (ms) when echo is on'),
  comfortNoiseDbfs: z.coerce.number().max(-20).default(-60).describe('Line noise level while the callee is quiet (dBFS)'),
};

let config: ReturnType<typeof loadConfig<typeof shape>>;
try {
  config = loadConfig('simulator', shape);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const log = createLogger('simulator', config.logLevel);

const simulator = await startCarrierSimulator({
  port: config.httpPort,
  host: config.httpHost,
  personas: config.personas.split(',').map((p) => fromRoot(p.trim())).filter(Boolean),
  accountSid: config.accountSid,
  authToken: config.authToken,
  log,
  echo: config.echo ? { gain: 10 ** (config.echoGainDb / 20), delayMs: config.echoDelayMs } : undefined,
  comfortNoiseDbfs: config.comfortNoiseDbfs,
});
log.info({ url: simulator.url, callees: simulator.personas.length }, 'carrier simulator ready');
onShutdown(log, 10_000, () => simulator.close());
