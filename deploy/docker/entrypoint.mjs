#!/usr/bin/env node
// Container entry point: one image, three services. The first argument (or VOICEBOT_SERVICE)
// names the service; tsx is registered here and the service's TypeScript entry runs as it is.
// (The services' bin files call module.register('tsx/esm'), which tsx 4.2x refuses on Node 20:
// "tsx must be loaded with --import instead of --loader"; tsx/esm/api is the supported way.)
import { register } from 'tsx/esm/api';

const SERVICES = ['media', 'dialogue', 'dialer'];
const name = process.argv[2] ?? process.env.VOICEBOT_SERVICE;
if (!SERVICES.includes(name)) {
  console.error(`usage: voicebot <${SERVICES.join('|')}> (got ${JSON.stringify(name ?? null)})`);
  process.exit(64);
}
register();
await import(new URL(`../../services/${name}/src/main.ts`, import.meta.url).href);
