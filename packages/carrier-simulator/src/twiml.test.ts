import { describe, expect, it } from 'vitest';
import { parseStreamTwiml, parseTwiml } from './twiml.ts';

const good = `<?xml version="1.0" encoding="UTF-8"?>
<Response><Connect><Stream url="ws://127.0.0.1:8081/twilio?token=a.b&amp;x=1">
  <Parameter name="callId" value="c-1"/><Parameter name="campaignId" value="camp"/>
  <!-- a comment -->
  <Parameter name="leadId" value="l&#x31;"/><Parameter name='scriptId' value='loan-zh'/>
</Stream></Connect></Response>`;

describe('parseStreamTwiml', () => {
  it('reads the stream url (entities decoded) and every parameter', () => {
    expect(parseStreamTwiml(good)).toEqual({
      url: 'ws://127.0.0.1:8081/twilio?token=a.b&x=1',
      parameters: { callId: 'c-1', campaignId: 'camp', leadId: 'l1', scriptId: 'loan-zh' },
    });
  });

  it('accepts a stream without parameters', () => {
    expect(parseStreamTwiml('<Response><Connect><Stream url="wss://h/x"/></Connect></Response>')).toEqual({ url: 'wss://h/x', parameters: {} });
  });

  it.each([
    ['', /empty document/],
    ['<Response>', /<Response> is never closed/],
    ['<Response><Connect></Response>', /<\/Response> at offset \d+ does not close <Connect>/],
    ['<Response/><Response/>', /content after the root element/],
    ['hello', /text outside the root element/],
    ['<Hangup/>', /root element is <Hangup>, expected <Response>/],
    ['<Response><Say>hi</Say></Response>', /<Say> is not supported by this carrier/],
    ['<Response/>', /needs exactly <Connect><Stream>, got an empty <Response>/],
    ['<Response><Connect><Stream url="ws://a"/></Connect><Hangup/></Response>', /needs exactly <Connect><Stream>, got <Stream><Hangup>/],
    ['<Response><Connect/></Response>', /exactly one <Stream>, found 0/],
    ['<Response><Connect><Stream url="ws://a"/><Stream url="ws://b"/></Connect></Response>', /exactly one <Stream>, found 2/],
    ['<Response><Connect><Stream/></Connect></Response>', /<Stream> has no url attribute/],
    ['<Response><Connect><Stream url="http://x"/></Connect></Response>', /must be ws:\/\/ or wss:\/\//],
    ['<Response><Connect><Stream url="not a url"/></Connect></Response>', /is not a URL/],
    ['<Response><Connect><Stream url="ws://x"><Parameter value="v"/></Stream></Connect></Response>', /<Parameter> has no name/],
    ['<Response><Connect><Stream url="ws://x"><Foo/></Stream></Connect></Response>', /unexpected <Foo> inside <Stream>/],
    ['<Response><Connect><Stream url="ws://x" url="ws://y"/></Connect></Response>', /duplicate attribute url/],
    ['<Response><Connect><Stream url="ws://x?a=1&b"/></Connect></Response>', /bad entity/],
    ['<Response><Connect><Stream url="ws://x></Connect></Response>', /malformed <Stream> tag/],
    ['<Response><!-- never ends', /unterminated comment/],
    ['<Response></ >', /malformed closing tag/],
  ])('rejects %j', (doc, message) => {
    expect(() => parseStreamTwiml(doc)).toThrow(message);
  });
});

describe('parseTwiml', () => {
  it('reads the verbs a live call can be redirected to', () => {
    expect(parseTwiml('<Response><Play loop="2"> https://d/carrier/prompt?script=loan-zh&amp;prompt=x </Play><Pause length="2"/><Hangup/></Response>')).toEqual([
      { verb: 'Play', url: 'https://d/carrier/prompt?script=loan-zh&prompt=x', loop: 2 },
      { verb: 'Pause', seconds: 2 },
      { verb: 'Hangup' },
    ]);
  });

  it.each([
    ['<Response><Play>ftp://x/a.wav</Play></Response>', /<Play> needs an absolute http\(s\) URL, got "ftp:\/\/x\/a.wav"/],
    ['<Response><Play loop="0">http://x/a.wav</Play></Response>', /loop="0"/],
    ['<Response><Pause length="-1"/></Response>', /length="-1"/],
  ])('rejects %j', (doc, message) => {
    expect(() => parseTwiml(doc)).toThrow(message);
  });
});
