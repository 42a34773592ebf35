import { describe, expect, it } from 'vitest';
import { parseStreamTwiml } from './twiml.ts';

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
    ['<Response><Say>hi</Say></Response>', /has no <Connect>/],
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
