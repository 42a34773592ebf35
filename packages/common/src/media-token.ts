import crypto from 'node:crypto';

/**
 * Credential a carrier presents when it opens a media stream: an HMAC-SHA256-signed token bound
 * to one call id and an expiry, put in the stream URL (`?token=`) or a `Parameter`. The dialer
 * mints it when it originates a call; the media service checks it in constant time.
 */
export interface MediaTokenClaims {
  /** Carrier name whose shared secret signs the token. */
  carrier: string;
  callId: string;
  /** Expiry, Unix seconds. */
  exp: number;
}

function b64url(buf: Buffer): string {
  return buf.toString('base64url');
}

export function signMediaToken(claims: MediaTokenClaims, secret: string): string {
  const payload = b64url(Buffer.from(JSON.stringify(claims)));
  const sig = b64url(crypto.createHmac('sha256', secret).update(payload).digest());
  return `${payload}.${sig}`;
}

export type TokenCheck = { ok: true; claims: MediaTokenClaims } | { ok: false; reason: string };

/** `secrets` maps carrier name → shared secret. */
export function verifyMediaToken(token: string, secrets: Record<string, string>, nowSeconds = Date.now() / 1000): TokenCheck {
  const dot = token.indexOf('.');
  if (dot <= 0) return { ok: false, reason: 'malformed token' };
  const payload = token.slice(0, dot);
  let claims: MediaTokenClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as MediaTokenClaims;
  } catch {
    return { ok: false, reason: 'malformed token payload' };
  }
  if (typeof claims?.carrier !== 'string' || typeof claims.callId !== 'string' || typeof claims.exp !== 'number') {
    return { ok: false, reason: 'token claims incomplete' };
  }
  const secret = secrets[claims.carrier];
  if (!secret) return { ok: false, reason: `unknown carrier ${claims.carrier}` };
  const expected = crypto.createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  if (claims.exp < nowSeconds) return { ok: false, reason: 'token expired' };
  return { ok: true, claims };
}

/** Parse `carrier:secret,carrier2:secret2` (the env form of the per-carrier secrets). */
export function parseCarrierSecrets(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const i = part.indexOf(':');
    if (i <= 0 || i === part.length - 1) throw new Error(`carrier secret entry "${part}" is not carrier:secret`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}
