import { fork } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from '@voicebot/common';
import WebSocket from 'ws';
import { arg } from './args.ts';
import { percentile } from './load.ts';

/**
 * `npm run bench:ws [-- --connections N --seconds S]`: uWebSockets.js vs the `ws` package on the
 * Twilio framing. Each server runs in its own process (ws-echo-server.ts) and answers every
 * media message; N client connections send 50 messages/s each (real call rate). Measured per
 * server: round-trip latency p50/p99 and server CPU. Last line: JSON.
 */
const connections = arg('connections', 200);
const seconds = arg('seconds', 15);
const payload = Buffer.alloc(160, 0x7f).toString('base64');

function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
}

async function measure(kind: 'uws' | 'ws'): Promise<{ p50Ms: number; p99Ms: number; cpuPct: number; msgsPerSec: number }> {
  const port = await freePort();
  const child = fork(new URL('./ws-echo-server.ts', import.meta.url), [kind, String(port)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => child.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(`${kind} server failed`)))));
  const sockets: WebSocket[] = [];
  const sentAt: number[][] = [];
  const rtts: number[] = [];
  for (let i = 0; i < connections; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/twilio`, { perMessageDeflate: false });
    await new Promise((r) => ws.once('open', r));
    sentAt.push([]);
    ws.on('message', () => {
      const t = sentAt[i]!.shift();
      if (t !== undefined) rtts.push(performance.now() - t);
    });
    ws.send(JSON.stringify({ event: 'start', streamSid: `MZ${i}`, start: { streamSid: `MZ${i}`, callSid: 'CA', customParameters: {}, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } } }));
    sockets.push(ws);
  }
  let chunk = 0;
  const timer = setInterval(() => {
    chunk++;
    for (let i = 0; i < sockets.length; i++) {
      sentAt[i]!.push(performance.now());
      sockets[i]!.send(`{"event":"media","streamSid":"MZ${i}","media":{"track":"inbound","chunk":"${chunk}","timestamp":"${chunk * 20}","payload":"${payload}"}}`);
    }
  }, 20);
  await new Promise((r) => setTimeout(r, 2000)); // warm-up
  rtts.length = 0;
  const c0 = cpuTicks(child.pid!);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const elapsed = (performance.now() - t0) / 1000;
  const c1 = cpuTicks(child.pid!);
  const count = rtts.length;
  clearInterval(timer);
  for (const s of sockets) s.terminate();
  child.kill();
  return { p50Ms: +percentile(rtts, 50).toFixed(2), p99Ms: +percentile(rtts, 99).toFixed(2), cpuPct: +(((c1 - c0) / 100 / elapsed) * 100).toFixed(1), msgsPerSec: Math.round(count / elapsed) };
}

const uws = await measure('uws');
const ws = await measure('ws');
console.log(JSON.stringify({ connections, seconds, uws, ws, cpuRatioWsToUws: +(ws.cpuPct / Math.max(0.1, uws.cpuPct)).toFixed(2) }));
