import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, envName, loadConfig, describeConfig } from './config.ts';

const shape = {
  wsPort: z.coerce.number().int().min(0).max(65535).default(8080).describe('WebSocket port'),
  asrModel: z.string().default('wasm/models/x').describe('model dir'),
};

describe('config loader', () => {
  it('maps keys to VOICEBOT_<SERVICE>_<KEY> and globals to VOICEBOT_<KEY>', () => {
    expect(envName('media', 'wsPort')).toBe('VOICEBOT_MEDIA_WS_PORT');
    expect(envName('media', 'databaseUrl')).toBe('VOICEBOT_DATABASE_URL');
  });

  it('applies defaults and parses env values', () => {
    const cfg = loadConfig('media', shape, { VOICEBOT_MEDIA_WS_PORT: '9000' });
    expect(cfg.wsPort).toBe(9000);
    expect(cfg.asrModel).toBe('wasm/models/x');
    expect(cfg.databaseUrl).toBe('');
  });

  it('names the bad variable', () => {
    expect(() => loadConfig('media', shape, { VOICEBOT_MEDIA_WS_PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig('media', shape, { VOICEBOT_MEDIA_WS_PORT: '70000' })).toThrow(/VOICEBOT_MEDIA_WS_PORT/);
    expect(() => loadConfig('media', shape, { VOICEBOT_LOG_LEVEL: 'loud' })).toThrow(/VOICEBOT_LOG_LEVEL/);
  });

  it('describes every key for the README table', () => {
    const rows = describeConfig('media', shape);
    expect(rows).toContainEqual({ variable: 'VOICEBOT_MEDIA_WS_PORT', default: '8080', description: 'WebSocket port' });
  });
});
