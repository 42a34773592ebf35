#!/usr/bin/env node
// preStop hook: start the service's drain and hold the hook open until the service has exited.
//   node /app/deploy/docker/drain.mjs --delay-seconds 10 [--pid 1]
// 1. Wait --delay-seconds: the pod is already out of the EndpointSlices, and this gives
//    kube-proxy, the ingress controller and gRPC clients time to stop sending new calls here.
// 2. SIGTERM to PID 1 (tini, which forwards it to the service; --pid names another process,
//    for tests): readiness false, new calls refused, calls in flight run out within the
//    service's drain grace.
// 3. Block while that process lives. The kubelet sends its own SIGTERM only after this hook returns; a
//    second SIGTERM would make the service exit at once, so the hook must not return first.
//    The container's exit (or terminationGracePeriodSeconds) ends the hook.
const args = process.argv.slice(2);
function option(name, fallback, min) {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < min) {
    console.error(`drain: ${name} must be a whole number >= ${min} (got ${JSON.stringify(args[at + 1] ?? null)})`);
    process.exit(64);
  }
  return value;
}
const delaySeconds = option('--delay-seconds', 0, 0);
// Never 0 or negative: those would signal a whole process group.
const pid = option('--pid', 1, 1);

const alive = () => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

setTimeout(() => {
  try {
    process.kill(pid, 'SIGTERM');
  } catch (err) {
    console.error(`drain: cannot signal PID ${pid}: ${err.message}`);
    process.exit(1);
  }
  setInterval(() => {
    if (!alive()) process.exit(0);
  }, 500);
}, delaySeconds * 1000);
