import crypto from 'node:crypto';

/**
 * CRM webhook signature: `X-Voicebot-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * The timestamp inside the signed text lets receivers reject replays older than a few minutes.
 */
export function signWebhook(secret: string, body: string, timestampS: number): string {
  const mac = crypto.createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex');
  return `t=${timestampS},v1=${mac}`;
}

export function verifyWebhook(secret: string, body: string, header: string, nowS: number, toleranceS = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || Math.abs(nowS - t) > toleranceS || !parts.v1) return false;
  const expected = Buffer.from(signWebhook(secret, body, t).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/** Exponential backoff for delivery retries: 5 s, 10 s, 20 s … capped at one hour. */
export function backoffMs(tries: number): number {
  return Math.min(3600_000, 5000 * 2 ** Math.max(0, tries));
}
