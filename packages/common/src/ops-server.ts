import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface OpsServerOptions {
  host: string;
  port: number;
  registry: Registry;
  /** Ready to take work (models loaded, workers warm, database reachable, not draining). */
  ready: () => boolean | Promise<boolean>;
  /** Extra routes (exact path match) for service-specific HTTP surfaces. */
  routes?: Record<string, http.RequestListener>;
}

export interface OpsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function problem(res: http.ServerResponse, status: number, title: string, detail: string): void {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

/** Plain HTTP surface every service exposes: /metrics, /healthz, /readyz. */
export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const handle = async (): Promise<void> => {
      if (path === '/metrics') {
        const body = await opts.registry.metrics();
        res.writeHead(200, { 'content-type': opts.registry.contentType });
        res.end(body);
      } else if (path === '/healthz') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok\n');
      } else if (path === '/readyz') {
        const ready = await opts.ready();
        res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' });
        res.end(ready ? 'ready\n' : 'not ready\n');
      } else if (opts.routes?.[path]) {
        opts.routes[path]!(req, res);
      } else {
        problem(res, 404, 'Not Found', `no route ${path}`);
      }
    };
    handle().catch((err: unknown) => problem(res, 500, 'Internal Server Error', String(err)));
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
