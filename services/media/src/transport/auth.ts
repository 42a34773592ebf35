import { type MediaTokenClaims, verifyMediaToken } from '@voicebot/common';

/**
 * Carrier credential check, before any pipeline exists for the connection: an HMAC-signed token
 * (`?token=` or `Authorization: Bearer`) for this framing's carrier, unexpired. The call id it
 * carries is the only call the connection may speak for.
 */
export type AuthResult = { ok: true; claims: MediaTokenClaims } | { ok: false; code: 4401 | 4403; reason: string };

export function authenticate(token: string | undefined, carrier: string, secrets: Record<string, string>, nowSeconds = Date.now() / 1000): AuthResult {
  if (!token) return { ok: false, code: 4401, reason: 'missing token' };
  const check = verifyMediaToken(token, secrets, nowSeconds);
  if (!check.ok) return { ok: false, code: 4401, reason: check.reason };
  if (check.claims.carrier !== carrier) return { ok: false, code: 4403, reason: `token is for carrier ${check.claims.carrier}, not ${carrier}` };
  return { ok: true, claims: check.claims };
}

export function tokenFrom(query: string, authorization: string): string | undefined {
  const q = new URLSearchParams(query).get('token');
  if (q) return q;
  const m = /^Bearer\s+(\S+)$/i.exec(authorization);
  return m?.[1];
}
