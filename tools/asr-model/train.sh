#!/usr/bin/env bash
# One-command recipe for the embedded telephone ASR model (npm run model:train):
#   1. data   – espeak-ng renders + Allison recordings -> tools/asr-model/.cache/data, held-out eval set -> .cache/eval
#   2. train  – causal dilated TCN (frame-level CE, blank/CTC-style output), time-budgeted (ASR_TRAIN_MIN, default 50 min) on 2 CPU threads
#   3. export – blank/<unk> bias calibration on training voices, ONNX in the T-one toneCtc interface -> wasm/models/voicebot-tel-zh-en/{model.onnx,tokens.txt,manifest.json}
#   4. eval   – tools/asr-model/eval.ts through the sherpa-onnx WASM recognizer; metrics -> manifest.json + README.md
#
# Options: --data-only (steps 1 only), --skip-data (reuse cache), --no-eval.
# Env: ASR_TRAIN_MIN (minutes of training, default 50), ASR_THREADS, ASR_SEED, ASR_REGEN=1 (force data regeneration),
#      ASR_CKPT (checkpoint export.py exports: model.pt, or latest.pt to export a run in progress).
# Dependencies: /usr/bin/python3 with python3-torch, python3-torchaudio, python3-onnx, python3-numpy,
# python3-yaml; espeak-ng; asterisk-core-sounds-en-wav + asterisk-core-sounds-en (Allison recordings,
# transcripts). Missing Debian packages among these are installed with `apt-get install -y` (the only
# thing this script installs); node_modules/sherpa-onnx + tsx come from the repo's package.json.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
DATA=1; TRAIN=1; EVAL=1
for a in "$@"; do
  case "$a" in
    --data-only) TRAIN=0; EVAL=0 ;;
    --skip-data) DATA=0 ;;
    --no-eval) EVAL=0 ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done

need=()
command -v espeak-ng >/dev/null || need+=(espeak-ng)
[ -x "$PY" ] || need+=(python3)
if [ -x "$PY" ]; then
  "$PY" -c 'import torch' 2>/dev/null || need+=(python3-torch)
  "$PY" -c 'import torchaudio' 2>/dev/null || need+=(python3-torchaudio)
  "$PY" -c 'import onnx' 2>/dev/null || need+=(python3-onnx)
  "$PY" -c 'import numpy' 2>/dev/null || need+=(python3-numpy)
  "$PY" -c 'import yaml' 2>/dev/null || need+=(python3-yaml)
fi
[ -d /usr/share/asterisk/sounds/en_US_f_Allison ] || need+=(asterisk-core-sounds-en-wav)
[ -f /usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz ] || need+=(asterisk-core-sounds-en)
if [ ${#need[@]} -gt 0 ]; then
  echo "[train.sh] installing missing Debian packages: ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get install -y "${need[@]}"
fi

# 2 cores: two torch threads on an idle machine; on a busy (shared) machine OpenMP
# spin-waiting makes 2 threads ~3x slower than 1, so fall back to one passive thread.
export OMP_WAIT_POLICY=PASSIVE
if [ -z "${ASR_THREADS:-}" ]; then
  load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
  if awk "BEGIN{exit !($load > 1.5)}"; then export ASR_THREADS=1; else export ASR_THREADS=2; fi
  echo "[train.sh] load average $load -> ASR_THREADS=$ASR_THREADS" >&2
fi
t0=$(date +%s)
stamp() { echo "[train.sh] $1 at +$(( $(date +%s) - t0 ))s" >&2; }
cd "$REPO"
if [ $DATA = 1 ]; then stamp "data generation"; "$PY" "$HERE/py/gen_data.py"; fi
if [ $TRAIN = 1 ]; then
  stamp "training (${ASR_TRAIN_MIN:-50} min budget)"
  "$PY" "$HERE/py/train.py"
  stamp "export"
  "$PY" "$HERE/py/export.py"
fi
if [ $EVAL = 1 ]; then
  stamp "evaluation through sherpa-onnx"
  if [ ! -d "$REPO/node_modules/sherpa-onnx" ]; then
    echo "[train.sh] node_modules/sherpa-onnx is missing: run npm install first (or --no-eval)" >&2; exit 1
  fi
  node --import tsx "$HERE/eval.ts" --json --update-manifest | tee "$HERE/.cache/eval-result.txt"
  "$PY" "$HERE/py/write_readme.py" "$(( $(date +%s) - t0 ))"
fi
stamp "done"
