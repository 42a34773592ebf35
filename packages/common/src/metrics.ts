import client from 'prom-client';

export { client as prom };

/** One registry per process, with default process metrics prefixed by the service. */
export function createRegistry(service: string): client.Registry {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry, prefix: `voicebot_${service}_` });
  return registry;
}

/** Latency buckets (seconds) shaped for the call latency budget: 5 ms .. 5 s. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.5, 2, 3, 5];
