import { describe, expect, it } from 'vitest';
import { parseCarrierSecrets, signMediaToken, verifyMediaToken } from './media-token.ts';

const secrets = { twilio: 's3cret', asterisk: 'other' };

describe('media token', () => {
  it('accepts a valid token and returns its claims', () => {
    const token = signMediaToken({ carrier: 'twilio', callId: 'c1', exp: 2000 }, 's3cret');
    expect(verifyMediaToken(token, secrets, 1000)).toEqual({ ok: true, claims: { carrier: 'twilio', callId: 'c1', exp: 2000 } });
  });
  it('rejects expiry, wrong secret, tampering and garbage with a reason', () => {
    const token = signMediaToken({ carrier: 'twilio', callId: 'c1', exp: 2000 }, 's3cret');
    expect(verifyMediaToken(token, secrets, 3000)).toEqual({ ok: false, reason: 'token expired' });
    expect(verifyMediaToken(signMediaToken({ carrier: 'twilio', callId: 'c1', exp: 2000 }, 'nope'), secrets, 1000)).toEqual({ ok: false, reason: 'bad signature' });
    const forged = Buffer.from(JSON.stringify({ carrier: 'twilio', callId: 'c2', exp: 2000 })).toString('base64url') + token.slice(token.indexOf('.'));
    expect(verifyMediaToken(forged, secrets, 1000)).toEqual({ ok: false, reason: 'bad signature' });
    expect(verifyMediaToken('garbage', secrets).ok).toBe(false);
    expect(verifyMediaToken('e30.xx', secrets)).toEqual({ ok: false, reason: 'token claims incomplete' });
    expect(verifyMediaToken(signMediaToken({ carrier: 'x', callId: 'c', exp: 9e9 }, 'k'), secrets)).toEqual({ ok: false, reason: 'unknown carrier x' });
  });
  it('parses the env form of carrier secrets', () => {
    expect(parseCarrierSecrets('twilio:a, asterisk:b:c')).toEqual({ twilio: 'a', asterisk: 'b:c' });
    expect(() => parseCarrierSecrets('twilio')).toThrow(/carrier:secret/);
  });
});
