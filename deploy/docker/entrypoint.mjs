#!/usr/bin/env node
// Container entry point: one image, three services. The first argument (or VOICEBOT_SERVICE)
// names the service; its bin file registers tsx and runs the TypeScript sources as they are.
const SERVICES = ['media', 'dialogue', 'dialer'];
const name = process.argv[2] ?? process.env.VOICEBOT_SERVICE;
if (!SERVICES.includes(name)) {
  console.error(`usage: voicebot <${SERVICES.join('|')}> (got ${JSON.stringify(name ?? null)})`);
  process.exit(64);
}
await import(new URL(`../../services/${name}/bin/voicebot-${name}.mjs`, import.meta.url).href);
