import type http from 'node:http';
import type { Logger } from '@voicebot/common';
import { verifyTwilioSignature } from '../carrier/twilio-signature.ts';
import type { StatusUpdate } from '../store/attempts.ts';

const MAX_BODY = 64 * 1024;

function problem(res: http.ServerResponse, status: number, title: string, detail: string): void {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

export function readBody(req: http.IncomingMessage, limit = MAX_BODY): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error(`body larger than ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface StatusCallbackOptions {
  /** Public base URL the carrier posts to (the signature covers the full URL). */
  publicUrl: string;
  /** Auth tokens of the Twilio-compatible carriers we use; a signature valid for any is accepted. */
  authTokens: string[];
  log: Logger;
  apply(update: StatusUpdate): Promise<unknown>;
  now(): number;
}

/**
 * `POST /carrier/twilio/status`: Twilio status callbacks (docs/integration.md §2). Rejects a bad
 * `X-Twilio-Signature` with 403; answers 200 once the update is stored, so the carrier retries
 * anything we failed to record.
 */
export function twilioStatusCallback(o: StatusCallbackOptions): http.RequestListener {
  return (req, res) => {
    if (req.method !== 'POST') {
      problem(res, 405, 'Method Not Allowed', 'status callbacks are POST');
      return;
    }
    readBody(req)
      .then(async (body) => {
        const form = new URLSearchParams(body);
        const params: Record<string, string> = {};
        for (const [k, v] of form) params[k] = v;
        const url = `${o.publicUrl}${req.url ?? ''}`;
        const signature = String(req.headers['x-twilio-signature'] ?? '');
        if (!signature || !o.authTokens.some((t) => verifyTwilioSignature(t, url, params, signature))) {
          o.log.warn({ url: req.url }, 'status callback with a bad signature rejected');
          problem(res, 403, 'Forbidden', 'X-Twilio-Signature does not match');
          return;
        }
        const callId = new URL(url).searchParams.get('callId');
        if (!params.CallSid || !params.CallStatus) {
          problem(res, 400, 'Bad Request', 'CallSid and CallStatus are required');
          return;
        }
        const result = await o.apply({
          callId,
          sid: params.CallSid,
          status: params.CallStatus,
          answeredBy: params.AnsweredBy ?? '',
          durationS: params.CallDuration ? Number(params.CallDuration) : null,
          sequence: params.SequenceNumber !== undefined && params.SequenceNumber !== '' ? Number(params.SequenceNumber) : null,
          nowMs: o.now(),
        });
        if (result === null) {
          problem(res, 404, 'Not Found', `no attempt for call ${callId ?? params.CallSid}`);
          return;
        }
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end('<Response/>');
      })
      .catch((err: unknown) => {
        o.log.error({ err }, 'status callback failed');
        problem(res, 500, 'Internal Server Error', String((err as Error).message ?? err));
      });
  };
}
