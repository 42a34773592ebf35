/**
 * Pure translation of Asterisk ARI events into carrier call statuses (the same vocabulary as the
 * Twilio status callbacks, so one pipeline handles both). Channel ids are our call ids: the
 * adapter originates with `channelId = callId`.
 */
export interface AriEvent {
  type: string;
  channel?: { id: string; state?: string };
  cause?: number;
  playback?: { id: string; target_uri?: string };
  args?: string[];
}

export interface AriStatus {
  callId: string;
  status: 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'failed';
}

/** Q.850 causes Asterisk reports on ChannelDestroyed. */
const CAUSE_BUSY = new Set([17]);
const CAUSE_NO_ANSWER = new Set([18, 19, 20]);

export function translateAriEvent(ev: AriEvent, wasAnswered: (callId: string) => boolean): AriStatus | null {
  const id = ev.channel?.id;
  if (!id) return null;
  switch (ev.type) {
    case 'ChannelStateChange':
      if (ev.channel!.state === 'Ringing') return { callId: id, status: 'ringing' };
      if (ev.channel!.state === 'Up') return { callId: id, status: 'in-progress' };
      return null;
    case 'StasisStart':
      // Originated into the Stasis app: the callee answered. Our external-media leg also enters
      // the app; it carries the "media" argument and is not a call of ours.
      if (ev.args?.[0] === 'media') return null;
      return { callId: id, status: 'in-progress' };
    case 'ChannelDestroyed': {
      const cause = ev.cause ?? 0;
      if (wasAnswered(id)) return { callId: id, status: 'completed' };
      if (CAUSE_BUSY.has(cause)) return { callId: id, status: 'busy' };
      if (CAUSE_NO_ANSWER.has(cause)) return { callId: id, status: 'no-answer' };
      return { callId: id, status: 'failed' };
    }
    default:
      return null;
  }
}
