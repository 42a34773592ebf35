import { commonShape, envName, type ConfigShape } from '@voicebot/common';
import { dialerConfigShape } from '../../../services/dialer/src/config.ts';
import { configShape as dialogueConfigShape } from '../../../services/dialogue/src/service.ts';
import { mediaConfigShape } from '../../../services/media/src/config.ts';

export const SERVICES = ['media', 'dialogue', 'dialer'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Each service's configuration schema, as its main.ts loads it. */
export const SHAPES: Record<ServiceName, ConfigShape> = { media: mediaConfigShape, dialogue: dialogueConfigShape, dialer: dialerConfigShape };

/** Each service's SIGTERM grace variable (the services name it differently). */
export const DRAIN_ENV: Record<ServiceName, string> = {
  media: 'VOICEBOT_MEDIA_DRAIN_GRACE_MS',
  dialogue: 'VOICEBOT_DIALOGUE_GRACE_MS',
  dialer: 'VOICEBOT_DIALER_DRAIN_MS',
};

/** Every VOICEBOT_* variable a service reads: its own keys and the global ones. */
export function declaredEnv(service: ServiceName): Set<string> {
  return new Set([...Object.keys(SHAPES[service]), ...Object.keys(commonShape)].map((k) => envName(service, k)));
}
