import type http from 'node:http';
import type { Logger } from '@voicebot/common';
import { grpc, VoicebotError } from '@voicebot/common';
import type { ImportResult } from '../leads/import.ts';

function problem(res: http.ServerResponse, status: number, title: string, detail: string): void {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

/**
 * `POST /leads/import?campaign_id=…` with a CSV body (any size): the body is parsed as it
 * streams in, so a large file never sits in memory whole. Answers the ImportLeads result as JSON.
 */
export function importRoute(importLeads: (campaignId: string, chunks: AsyncIterable<string>) => Promise<ImportResult>, log: Logger): http.RequestListener {
  return (req, res) => {
    const campaignId = new URL(req.url ?? '/', 'http://x').searchParams.get('campaign_id') ?? '';
    if (req.method !== 'POST') return problem(res, 405, 'Method Not Allowed', 'POST a CSV body');
    if (!campaignId) return problem(res, 400, 'Bad Request', 'query parameter campaign_id is required');
    req.setEncoding('utf8');
    importLeads(campaignId, req as AsyncIterable<string>)
      .then((result) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      })
      .catch((err: unknown) => {
        if (err instanceof VoicebotError && err.status !== grpc.status.INTERNAL) {
          return problem(res, err.status === grpc.status.NOT_FOUND ? 404 : 400, 'Import refused', err.message);
        }
        log.error({ err, campaignId }, 'lead import failed');
        problem(res, 500, 'Internal Server Error', (err as Error).message);
      });
  };
}
