#!/usr/bin/env node
// preStop hook: start the service's drain and hold the hook open until the service has exited.
//   node /app/deploy/docker/drain.mjs --delay-seconds 10
// 1. Wait --delay-seconds: the pod is already out of the EndpointSlices, and this gives
//    kube-proxy, the ingress controller and gRPC clients time to stop sending new calls here.
// 2. SIGTERM to PID 1 (tini, which forwards it to the service): readiness false, new calls
//    refused, calls in flight run out within the service's drain grace.
// 3. Block while PID 1 lives. The kubelet sends its own SIGTERM only after this hook returns; a
//    second SIGTERM would make the service exit at once, so the hook must not return first.
//    The container's exit (or terminationGracePeriodSeconds) ends the hook.
const args = process.argv.slice(2);
const at = args.indexOf('--delay-seconds');
const delaySeconds = at >= 0 ? Number(args[at + 1]) : 0;
if (!Number.isFinite(delaySeconds) || delaySeconds < 0) {
  console.error(`drain: --delay-seconds must be a number >= 0 (got ${JSON.stringify(args[at + 1])})`);
  process.exit(64);
}

const alive = () => {
  try {
    process.kill(1, 0);
    return true;
  } catch {
    return false;
  }
};

setTimeout(() => {
  try {
    process.kill(1, 'SIGTERM');
  } catch (err) {
    console.error(`drain: cannot signal PID 1: ${err.message}`);
    process.exit(1);
  }
  setInterval(() => {
    if (!alive()) process.exit(0);
  }, 500);
}, delaySeconds * 1000);
