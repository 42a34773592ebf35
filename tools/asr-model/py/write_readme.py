"""Write wasm/models/voicebot-tel-zh-en/README.md from manifest.json (after eval)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import OUT_DIR  # noqa

mp = os.path.join(OUT_DIR, "manifest.json")
m = json.load(open(mp))
if len(sys.argv) > 1:
    m["training"]["recipeWallSeconds"] = int(sys.argv[1])
    with open(mp + ".tmp", "w") as f:
        json.dump(m, f, ensure_ascii=False, indent=1)
    os.replace(mp + ".tmp", mp)
met = m.get("metrics") or {}
tok = m["tokenisation"]
v = m["voices"]
tr = m["training"]
lines = [
    "# voicebot-tel-zh-en — embedded streaming telephone keyword ASR (toneCtc)",
    "",
    "Made by `npm run model:train` (tools/asr-model/train.sh). Loads in sherpa-onnx (npm 1.13.8, WASM) as",
    "`modelConfig: { toneCtc: { model: 'model.onnx' }, tokens: 'tokens.txt' }` (8 kHz, 300 ms chunks).",
    "",
    "* Architecture: %s, %d channels, dilations %s, %d parameters, receptive field %d ms; state_dim %d."
    % (m["architecture"]["type"], m["architecture"]["channels"], m["architecture"]["dilations"], m["architecture"]["params"],
       m["architecture"]["receptiveFieldMs"], m["interface"]["stateDim"]),
    "* Features (inside the graph): " + m["architecture"]["features"] + ".",
    "* Tokenisation: " + tok["scheme"] + ". Vocabulary %d tokens: %d Chinese phrases, %d English phrases." % (tok["vocabSize"], len(tok["zhPhrases"]), len(tok["enPhrases"])),
    "* Closed vocabulary: the model only knows the lexicon (tools/asr-model/lexicon.yaml + services/dialogue/scripts/*.yaml); other speech should come out as `<unk>` (or nothing). Retrain after changing a script.",
    "* Current script phrases NOT covered by this model (added after training; retrain to cover): %s." % (", ".join(tok.get("currentLexiconNotCovered") or []) or "none"),
    "* Demo voices (held out from training): zh `%s`, en `%s` (espeak-ng, default speed/pitch)." % (v["demoVoices"]["zh"], v["demoVoices"]["en"]),
    "* Held-out espeak-ng variants (never in training): %s." % ", ".join(v["heldOutVariants"]),
    "* Training data: synthetic espeak-ng telephone speech (%s h of clean clips before augmentation) + Allison (Asterisk, CC-BY-SA-3.0) human 8 kHz prompts; trained %s min (%s steps)."
    % (m["trainingData"].get("trainHours"), tr.get("minutes"), tr.get("steps")),
    "",
    "## Metrics (tools/asr-model/eval.ts, sherpa-onnx WASM, held-out voices)",
    "",
    "```json",
    json.dumps({k: met.get(k) for k in ("exactZh", "exactEn", "terZh", "terEn", "oovFalseKeywordRate", "rtf", "modelBytes")}),
    json.dumps({k: met.get(k) for k in ("counts", "demoMustPhrases", "demoVoicesExact", "rtfWallAllFiles", "measuredAt")}, ensure_ascii=False),
    "```",
    "",
    "Calibration (training voices only): %s." % json.dumps({k: (m.get("calibration") or {}).get(k) for k in ("blankBias", "unkBias", "validationExact")}),
    "",
    "Demo callee clips (assets/callee-audio, recognised through the same recognizer): %s." % json.dumps(met.get("demoCalleeClips"), ensure_ascii=False) if met.get("demoCalleeClips") else "",
    "",
    "Full details (vocabulary, voices, data, training curve): manifest.json.",
]
if tr.get("recipeWallSeconds"):
    lines.append("Recipe wall time (data + training + export + eval): %.1f min on 2 CPU cores." % (tr["recipeWallSeconds"] / 60))
open(os.path.join(OUT_DIR, "README.md"), "w").write("\n".join(lines) + "\n")
print("[readme] written", file=sys.stderr)
