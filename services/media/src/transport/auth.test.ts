import { signMediaToken } from '@voicebot/common';
import { describe, expect, it } from 'vitest';
import { authenticate, tokenFrom } from './auth.ts';

const secrets = { twilio: 's1', plivo: 's2' };
const now = 1_800_000_000;

describe('carrier authentication', () => {
  it('accepts a valid token for the route carrier', () => {
    const token = signMediaToken({ carrier: 'twilio', callId: 'c1', exp: now + 60 }, 's1');
    expect(authenticate(token, 'twilio', secrets, now)).toMatchObject({ ok: true, claims: { callId: 'c1' } });
  });
  it.each([
    [undefined, 4401, 'missing token'],
    ['garbage', 4401, 'malformed token'],
    [signMediaToken({ carrier: 'twilio', callId: 'c1', exp: now + 60 }, 'wrong'), 4401, 'bad signature'],
    [signMediaToken({ carrier: 'twilio', callId: 'c1', exp: now - 1 }, 's1'), 4401, 'token expired'],
    [signMediaToken({ carrier: 'sip', callId: 'c1', exp: now + 60 }, 's1'), 4401, 'unknown carrier sip'],
    [signMediaToken({ carrier: 'plivo', callId: 'c1', exp: now + 60 }, 's2'), 4403, 'token is for carrier plivo, not twilio'],
  ])('rejects %s', (token, code, reason) => {
    expect(authenticate(token, 'twilio', secrets, now)).toEqual({ ok: false, code, reason });
  });
  it('reads the token from the query or a bearer header', () => {
    expect(tokenFrom('a=1&token=abc', '')).toBe('abc');
    expect(tokenFrom('', 'Bearer xyz')).toBe('xyz');
    expect(tokenFrom('', '')).toBeUndefined();
  });
});
