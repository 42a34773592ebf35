/**
 * `npm start`: the whole platform on embedded defaults — PGlite storage under ./data, the three
 * services as their own processes, the built-in carrier simulator — then the demo campaign.
 * `--once --json` runs the campaign, prints one JSON summary line on stdout and exits.
 */
import path from 'node:path';
import { createLogger, fromRoot, startEmbeddedPostgres, type EmbeddedPostgres } from '@voicebot/common';
import { DEMO_PERSONA_FILES, loadClips, loadPersonaFile, startCarrierSimulator, type CarrierSimulator } from '@voicebot/carrier-simulator';
import { parseArgs } from './args.ts';
import { freshNumbers, runDemoCampaign } from './demo-campaign.ts';
import { PlatformClients } from './grpc-clients.ts';
import { spawnService, stopService, waitReady, type ServiceName, type ServiceProcess } from './service-processes.ts';
import { renderProgress, renderSummary, summarise, gradeLetter, type CallLine } from './summary.ts';

const args = (() => {
  try {
    return parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`npm start: ${(err as Error).message}`);
    process.exit(2);
  }
})();

const say = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);
const env = process.env;
const port = (name: string, fallback: number) => Number(env[name] ?? fallback);
const ports = {
  dialogueGrpc: port('VOICEBOT_DIALOGUE_GRPC_PORT', 50061),
  dialogueHttp: port('VOICEBOT_DIALOGUE_HTTP_PORT', 9461),
  dialerGrpc: port('VOICEBOT_DIALER_GRPC_PORT', 50062),
  dialerHttp: port('VOICEBOT_DIALER_HTTP_PORT', 9462),
  mediaGrpc: port('VOICEBOT_MEDIA_GRPC_PORT', 50063),
  mediaHttp: port('VOICEBOT_MEDIA_HTTP_PORT', 9463),
  mediaWs: port('VOICEBOT_MEDIA_WS_PORT', 8081),
  simulator: port('VOICEBOT_SIMULATOR_HTTP_PORT', 8090),
  pglite: port('VOICEBOT_PGLITE_PORT', 54329),
};
const dataDir = fromRoot(env.VOICEBOT_DATA_DIR ?? './data');
const log = createLogger('platform', env.VOICEBOT_LOG_LEVEL ?? 'warn');

let embedded: EmbeddedPostgres | undefined;
let simulator: CarrierSimulator | undefined;
const services: ServiceProcess[] = [];
let clients: PlatformClients | undefined;

async function shutdown(): Promise<void> {
  clients?.close();
  // Dialer first (stops dialing), media next (finishes calls), dialogue last (writes records).
  for (const name of ['dialer', 'media', 'dialogue'] as ServiceName[]) {
    const svc = services.find((s) => s.name === name);
    if (svc) await stopService(svc, 20_000);
  }
  await simulator?.close();
  await embedded?.stop();
}

async function main(): Promise<number> {
  let databaseUrl = env.VOICEBOT_DATABASE_URL ?? '';
  if (!databaseUrl) {
    say(`storage     PGlite under ${path.relative(process.cwd(), dataDir) || '.'}/pglite (served on 127.0.0.1:${ports.pglite})`);
    embedded = await startEmbeddedPostgres({ dataDir, host: '127.0.0.1', port: ports.pglite });
    databaseUrl = embedded.url;
  } else {
    say(`storage     PostgreSQL (VOICEBOT_DATABASE_URL)`);
  }

  const clips = loadClips();
  const personaFile = args.personas ? fromRoot(args.personas) : DEMO_PERSONA_FILES.zh;
  const personas = freshNumbers(loadPersonaFile(personaFile, (l, s) => clips.has(l, s)), Math.floor(Date.now() / 1000));
  simulator = await startCarrierSimulator({ port: ports.simulator, personas, log: createLogger('simulator', 'warn') });
  say(`carrier     built-in simulator at ${simulator.url} (${personas.length} callees from ${path.relative(process.cwd(), personaFile)})`);

  // Service-to-service addresses follow the ports, so moving one port moves every reference to it.
  const childEnv: NodeJS.ProcessEnv = {
    VOICEBOT_DATABASE_URL: databaseUrl,
    VOICEBOT_DIALER_CARRIER_URL: simulator.url,
    VOICEBOT_LOG_LEVEL: env.VOICEBOT_LOG_LEVEL ?? 'info',
    VOICEBOT_MEDIA_DIALOGUE_ADDR: env.VOICEBOT_MEDIA_DIALOGUE_ADDR ?? `127.0.0.1:${ports.dialogueGrpc}`,
    VOICEBOT_MEDIA_DIALER_ADDR: env.VOICEBOT_MEDIA_DIALER_ADDR ?? `127.0.0.1:${ports.dialerGrpc}`,
    VOICEBOT_DIALOGUE_DIALER_ADDR: env.VOICEBOT_DIALOGUE_DIALER_ADDR ?? `127.0.0.1:${ports.dialerGrpc}`,
    VOICEBOT_DIALER_MEDIA_WS_URL: env.VOICEBOT_DIALER_MEDIA_WS_URL ?? `ws://127.0.0.1:${ports.mediaWs}`,
    VOICEBOT_DIALER_PUBLIC_URL: env.VOICEBOT_DIALER_PUBLIC_URL ?? `http://127.0.0.1:${ports.dialerHttp}`,
  };
  const logDir = path.join(dataDir, 'logs');
  services.push(spawnService('dialogue', childEnv, ports.dialogueHttp, logDir));
  services.push(spawnService('dialer', childEnv, ports.dialerHttp, logDir));
  services.push(spawnService('media', childEnv, ports.mediaHttp, logDir));
  say(`services    starting dialogue, dialer, media (logs in ${path.relative(process.cwd(), logDir)}/)`);
  const t0 = performance.now();
  await Promise.all(services.map((s) => waitReady(s, 120_000)));
  say(`services    ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const metricsUrls = Object.fromEntries(services.map((s) => [s.name, `${s.httpUrl}/metrics`]));

  if (args.noDemo) {
    say('platform    running without a demo campaign; Ctrl-C to stop');
    return 0;
  }

  clients = new PlatformClients(`127.0.0.1:${ports.dialerGrpc}`, `127.0.0.1:${ports.dialogueGrpc}`);
  const started = performance.now();
  const live = !args.json && process.stdout.isTTY;
  let lastPrinted = 0;
  const result = await runDemoCampaign({
    clients,
    personas,
    scriptId: personas[0]?.language === 'en' ? 'loan-en' : 'loan-zh',
    timeoutMs: 150_000,
    onProgress: (stats) => {
      const line = renderProgress(stats, performance.now() - started);
      if (live) process.stdout.write(`\r${line}\x1b[K`);
      else if (performance.now() - lastPrinted > 5000) {
        say(line);
        lastPrinted = performance.now();
      }
    },
  });
  if (live) process.stdout.write('\n');

  const sim = simulator.stats();
  const extraErrors = [...(result.completed ? [] : [`campaign ${result.campaignId} did not complete in time`])];
  for (const s of services) if (s.child.exitCode !== null) extraErrors.push(`${s.name} exited with code ${s.child.exitCode}`);
  const summary = summarise(
    result.stats,
    result.records,
    { bargeInLatenciesMs: sim.records.flatMap((r) => r.bargeInLatenciesMs), responseLatenciesMs: sim.records.flatMap((r) => r.responseLatenciesMs), errors: sim.errors.messages },
    extraErrors,
  );
  const byCall = new Map(result.records.map((r) => [r.call_id, r]));
  const calls: CallLine[] = sim.records.map((c) => {
    const rec = c.callId ? byCall.get(c.callId) : undefined;
    return {
      callee: `***${c.to.slice(-4)}`,
      persona: c.persona,
      outcome: c.outcome,
      grade: rec ? (gradeLetter(rec.grade) ?? '-') : '-',
      path: rec ? rec.path.join('>') : '',
      said: c.said.map((u) => u.text).join(' / '),
    };
  });
  say('');
  say(renderSummary(summary, calls, metricsUrls));
  if (args.json) process.stdout.write(`${JSON.stringify(summary.json)}\n`);
  return result.completed ? 0 : 1;
}

main()
  .then(async (code) => {
    if (!args.once) {
      say('platform    serving until Ctrl-C');
      const stop = () => void shutdown().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    await shutdown();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    log.error({ err }, 'platform failed');
    console.error(`npm start failed: ${(err as Error).message}`);
    await shutdown().catch(() => undefined);
    process.exit(1);
  });
