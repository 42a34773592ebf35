import { z } from 'zod';

/**
 * One configuration loader for every service. A service declares its keys as a zod object;
 * each key `fooBar` is read from `VOICEBOT_<SERVICE>_FOO_BAR`. Keys in `GLOBAL_KEYS` are shared
 * by all services and read from `VOICEBOT_<KEY>` (e.g. `VOICEBOT_DATABASE_URL`).
 */
export const GLOBAL_KEYS = ['databaseUrl', 'logLevel', 'dataDir', 'pgliteHost', 'pglitePort'] as const;

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`invalid configuration ${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

export function envName(service: string, key: string): string {
  const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  return (GLOBAL_KEYS as readonly string[]).includes(key)
    ? `VOICEBOT_${snake}`
    : `VOICEBOT_${service.toUpperCase()}_${snake}`;
}

/** Shared keys every service understands. */
export const commonShape = {
  databaseUrl: z.string().default('').describe('PostgreSQL URL; empty = embedded PGlite under dataDir'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
  dataDir: z.string().default('./data').describe('Directory for embedded storage (PGlite)'),
  pgliteHost: z.string().default('127.0.0.1').describe('Host the embedded PGlite wire-protocol server binds'),
  pglitePort: z.coerce.number().int().min(1).max(65535).default(54329).describe('Port of the embedded PGlite wire-protocol server'),
};

/** Boolean that accepts the usual env spellings. */
export const envBool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

export type ConfigShape = Record<string, z.ZodTypeAny>;

export function loadConfig<S extends ConfigShape>(
  service: string,
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<S & typeof commonShape>> {
  const full = { ...commonShape, ...shape } as S & typeof commonShape;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(full)) {
    const value = env[envName(service, key)];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = z.object(full).strict().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    throw new ConfigError(envName(service, key), `${issue.message} (got ${JSON.stringify(raw[key])})`);
  }
  return parsed.data as z.infer<z.ZodObject<S & typeof commonShape>>;
}

/**
 * Rows for the README configuration table. A default computed from the environment (host name,
 * core count) is documented in its description as `(default: …)` and shown that way.
 */
export function describeConfig(service: string, shape: ConfigShape): { variable: string; default: string; description: string }[] {
  return Object.entries(shape).map(([key, schema]) => {
    const description = (schema as z.ZodTypeAny).description ?? '';
    const documented = /\s*\(default: ([^)]+)\)$/.exec(description);
    const parsed = (schema as z.ZodTypeAny).safeParse(undefined);
    return {
      variable: envName(service, key),
      default: documented ? documented[1]! : parsed.success ? JSON.stringify(parsed.data) : '(required)',
      description: documented ? description.slice(0, documented.index) : description,
    };
  });
}
