import { describe, expect, it } from 'vitest';
import { twilioSignature, verifyTwilioSignature } from './signature.ts';

describe('X-Twilio-Signature', () => {
  // Vectors from Twilio's own request-validation examples.
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = (caller: string): [string, string][] => [
    ['To', '+18005551212'], ['From', caller], ['Digits', '1234'], ['Caller', caller], ['CallSid', 'CA1234567890ABCDE'],
  ];

  it("matches Twilio's published signatures", () => {
    expect(twilioSignature('12345', url, params('+14158675309'))).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(twilioSignature('12345', url, params('+14158675310'))).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
  });

  it('verifies only the exact url, parameters and token', () => {
    const sig = twilioSignature('12345', url, params('+14158675309'));
    expect(verifyTwilioSignature('12345', url, params('+14158675309'), sig)).toBe(true);
    expect(verifyTwilioSignature('12346', url, params('+14158675309'), sig)).toBe(false);
    expect(verifyTwilioSignature('12345', `${url}&x`, params('+14158675309'), sig)).toBe(false);
    expect(verifyTwilioSignature('12345', url, params('+14158675310'), sig)).toBe(false);
    expect(verifyTwilioSignature('12345', url, params('+14158675309'), 'short')).toBe(false);
  });
});
