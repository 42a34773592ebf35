import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(service: string, level = process.env.VOICEBOT_LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, base: { service } });
}

/** Phone numbers never reach logs whole: keep the last 4 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
