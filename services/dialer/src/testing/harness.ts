import { CLIENT_OPTIONS, createLogger, freePort, grpc, loadConfig, unary, voicebotService, type Logger } from '@voicebot/common';
import { dialerConfigShape } from '../config.ts';
import { startDialerService, type DialerConfig, type RunningDialer } from '../server.ts';

/** Config for a dialer on free ports against `databaseUrl` and a carrier at `carrierUrl` (tests, chaos). */
export async function testDialerConfig(databaseUrl: string, carrierUrl: string, extra: Record<string, string> = {}): Promise<DialerConfig> {
  const httpPort = await freePort();
  const grpcPort = await freePort();
  return loadConfig('dialer', dialerConfigShape, {
    VOICEBOT_DATABASE_URL: databaseUrl,
    VOICEBOT_LOG_LEVEL: 'warn',
    VOICEBOT_DIALER_GRPC_PORT: String(grpcPort),
    VOICEBOT_DIALER_HTTP_PORT: String(httpPort),
    VOICEBOT_DIALER_PUBLIC_URL: `http://127.0.0.1:${httpPort}`,
    VOICEBOT_DIALER_CARRIER_URL: carrierUrl,
    VOICEBOT_DIALER_TICK_MS: '50',
    VOICEBOT_DIALER_RECONCILE_EVERY_MS: '500',
    ...extra,
  });
}

export async function startTestDialer(config: DialerConfig, log: Logger = createLogger('dialer', 'warn')): Promise<RunningDialer & { client: grpc.Client; call<Res>(method: string, req: unknown): Promise<Res> }> {
  const running = await startDialerService(config, log);
  const Ctor = voicebotService('DialerService');
  const client = new Ctor(`127.0.0.1:${running.grpcPort}`, grpc.credentials.createInsecure(), CLIENT_OPTIONS);
  return {
    ...running,
    client,
    call: <Res>(method: string, req: unknown) => unary<unknown, Res>(client, method, req, 30_000),
    close: async () => {
      client.close();
      await running.close();
    },
  };
}

/** A campaign spec that may dial at any hour (demo and tests). */
export function anyHourSpec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'test campaign',
    script_id: 'loan-zh',
    caller_ids: ['+8610' + '12345678'],
    windows: [{ weekdays: [], start_minute: 0, end_minute: 1440 }],
    timezone_policy: 'lead',
    retry: { max_attempts: 1 },
    max_calls_per_number: 1,
    frequency_window_hours: 24,
    consent_mode: 'none',
    abandon_rule: { kind: 'fcc_30d', threshold: 0.03 },
    max_concurrent_calls: 10,
    max_calls_per_second: 50,
    carrier: 'simulator',
    default_region: 'CN',
    ...overrides,
  };
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
