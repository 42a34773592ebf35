/** TwiML documents the dialer hands the carrier. */
function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function connectStreamTwiml(streamUrl: string, parameters: Record<string, string>): string {
  const params = Object.entries(parameters)
    .map(([name, value]) => `<Parameter name="${xml(name)}" value="${xml(value)}"/>`)
    .join('');
  return `<Response><Connect><Stream url="${xml(streamUrl)}">${params}</Stream></Connect></Response>`;
}

export function playAndHangupTwiml(audioUrl: string): string {
  return `<Response><Play>${xml(audioUrl)}</Play><Hangup/></Response>`;
}
