'use strict';
// Runs a sherpa-onnx (WASM) OnlineRecognizer inside a worker_threads Worker.
// The WASM module calls exit() on some bad configs (e.g. missing ONNX
// metadata); inside a worker that only terminates this thread.
// Protocol: workerData = {config}; posts {type:'ready'} or {type:'error'}.
// Requests {id, samples: Float32Array, sampleRate, pieceMs?: number, tailMs?: number}
// -> {id, text, tokens, ms} (ms = decode wall time inside the worker).
const { parentPort, workerData } = require('node:worker_threads');

// The WASM module prints diagnostics (e.g. "Creating a resampler") with
// console.log, i.e. to stdout; keep stdout clean for --json consumers.
const util = require('node:util');
console.log = (...a) => process.stderr.write(util.format(...a) + '\n');
console.info = console.log;

let sherpa;
try {
  sherpa = require('sherpa-onnx');
} catch (e) {
  parentPort.postMessage({ type: 'error', error: 'cannot load sherpa-onnx: ' + e.message });
  process.exit(0);
}

const config = workerData.config;
const recognizer = sherpa.createOnlineRecognizer(config);
if (!recognizer || !recognizer.handle) {
  parentPort.postMessage({ type: 'error', error: 'sherpa-onnx could not create the recognizer (missing or invalid model files?)' });
} else {
  parentPort.postMessage({ type: 'ready' });
  parentPort.on('message', (req) => {
    if (req.type === 'close') {
      recognizer.free();
      parentPort.close();
      return;
    }
    try {
      const t0 = process.hrtime.bigint();
      const stream = recognizer.createStream();
      const sr = req.sampleRate;
      const x = req.samples;
      const feed = (buf) => {
        stream.acceptWaveform(sr, buf);
        while (recognizer.isReady(stream)) recognizer.decode(stream);
      };
      if (req.pieceMs && req.pieceMs > 0) {
        const n = Math.max(1, Math.round((sr * req.pieceMs) / 1000));
        for (let i = 0; i < x.length; i += n) feed(x.subarray(i, Math.min(x.length, i + n)));
      } else {
        feed(x);
      }
      // the recognizer holds back the newest full chunk and never decodes a
      // partial one: flush with silence before inputFinished()
      const tail = new Float32Array(Math.round((sr * (req.tailMs ?? 900)) / 1000));
      feed(tail);
      stream.inputFinished();
      while (recognizer.isReady(stream)) recognizer.decode(stream);
      const r = recognizer.getResult(stream);
      stream.free();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      parentPort.postMessage({ id: req.id, text: r.text, tokens: r.tokens || [], ms });
    } catch (e) {
      parentPort.postMessage({ id: req.id, error: String((e && e.message) || e) });
    }
  });
}
