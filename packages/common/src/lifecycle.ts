import type { Logger } from './logger.ts';

/**
 * SIGTERM/SIGINT handling shared by the services: the first signal starts `drain` (stop taking
 * work, finish what is in flight, bounded by the grace period), then the process exits 0.
 * A second signal exits at once.
 */
export function onShutdown(log: Logger, graceMs: number, drain: (deadlineMs: number) => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, graceMs }, 'draining');
    const timer = setTimeout(() => {
      log.warn('grace period over, exiting');
      process.exit(0);
    }, graceMs + 2000);
    timer.unref();
    drain(Date.now() + graceMs)
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'drain failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
