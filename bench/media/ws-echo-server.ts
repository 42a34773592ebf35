import { createRequire } from 'node:module';
import { WebSocketServer } from 'ws';
import { JsonMediaStreamAdapter, TWILIO } from '../../services/media/src/framing/json-media-stream.ts';

/**
 * Child process for bench:ws: a Twilio-framing server on uWS or `ws` that decodes every message
 * with the real adapter and answers each media frame with one outbound media frame (what the
 * media service does per frame, minus audio processing). argv: kind port.
 */
const [kind, portArg] = process.argv.slice(2);
const port = Number(portArg);
const reply = new Uint8Array(160).fill(0xff);

if (kind === 'uws') {
  const uws = createRequire(import.meta.url)('@trufflesuite/uws-js-unofficial') as typeof import('@trufflesuite/uws-js-unofficial');
  const app = uws.App();
  app.ws<{ adapter: JsonMediaStreamAdapter }>('/twilio', {
    compression: uws.DISABLED,
    maxPayloadLength: 65536,
    upgrade: (res, req, ctx) => res.upgrade({ adapter: new JsonMediaStreamAdapter(TWILIO) }, req.getHeader('sec-websocket-key'), req.getHeader('sec-websocket-protocol'), req.getHeader('sec-websocket-extensions'), ctx),
    message: (ws, msg) => {
      const adapter = ws.getUserData().adapter;
      for (const e of adapter.decode(Buffer.from(msg).toString('utf8'), false)) if (e.kind === 'media') ws.send(adapter.encodeMedia(reply) as string, false);
    },
  });
  app.listen('127.0.0.1', port, (s) => {
    process.send?.(s ? 'ready' : 'failed');
  });
} else {
  const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, path: '/twilio' });
  wss.on('connection', (ws) => {
    const adapter = new JsonMediaStreamAdapter(TWILIO);
    ws.on('message', (data) => {
      for (const e of adapter.decode(data.toString(), false)) if (e.kind === 'media') ws.send(adapter.encodeMedia(reply) as string);
    });
  });
  wss.on('listening', () => process.send?.('ready'));
}
