import { ConfigError, createLogger, loadConfig, onShutdown } from '@voicebot/common';
import { dialerConfigShape } from './config.ts';
import { startDialerService } from './server.ts';

const log = createLogger('dialer');
let config;
try {
  config = loadConfig('dialer', dialerConfigShape);
} catch (err) {
  if (err instanceof ConfigError) {
    log.fatal(err.message);
    process.exit(2);
  }
  throw err;
}
log.level = config.logLevel;
const running = await startDialerService(config, log);
onShutdown(log, config.drainMs, () => running.close());
