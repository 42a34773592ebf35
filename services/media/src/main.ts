import { ConfigError, createLogger, onShutdown } from '@voicebot/common';
import { loadMediaConfig } from './config.ts';
import { MediaService } from './service.ts';
import { loadNativeUws } from './transport/ws-server.ts';

/** Media service entry point: `npm run start -w services/media`. */
const log = createLogger('media');

let config;
try {
  config = loadMediaConfig();
  loadNativeUws();
} catch (err) {
  log.fatal({ err: (err as Error).message }, err instanceof ConfigError ? 'bad configuration' : 'cannot start');
  process.exit(1);
}

const service = new MediaService({ config, log });
onShutdown(log, config.drainGraceMs, (deadline) => service.drain(deadline));
try {
  await service.start();
} catch (err) {
  log.fatal({ err: (err as Error).message }, 'media service failed to start');
  await service.close().catch(() => {});
  process.exit(1);
}
