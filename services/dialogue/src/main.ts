import { ConfigError, createLogger, loadConfig, onShutdown } from '@voicebot/common';
import { configShape, startDialogueService } from './service.ts';

/** `npm run start -w services/dialogue`: configuration from VOICEBOT_DIALOGUE_* / VOICEBOT_* variables. */
async function main(): Promise<void> {
  const config = loadConfig('dialogue', configShape);
  const service = await startDialogueService(config);
  onShutdown(service.log, config.graceMs, (deadlineMs) => service.stop(deadlineMs));
}

main().catch((err: unknown) => {
  // Start-up failures (bad configuration, database unreachable) stop the process with their message.
  createLogger('dialogue').fatal({ err: err instanceof ConfigError ? err.message : err }, 'dialogue service failed to start');
  process.exit(1);
});
