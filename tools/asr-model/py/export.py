"""Export the trained checkpoint to the T-one `toneCtc` ONNX interface and
write wasm/models/voicebot-tel-zh-en/{model.onnx,tokens.txt,manifest.json}."""
import json
import os
import sys
import time

import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import *  # noqa
from model import TCN, Streaming, CHUNK, CTX, NMEL, WIN, HOP, STACK
from calibrate import calibrate
from train import greedy
import lexicon as L


def main(out_dir=OUT_DIR):
    ck = torch.load(os.path.join(CACHE, "ckpt", os.environ.get("ASR_CKPT", "model.pt")))
    m = TCN(ck["V"], C=ck["C"], dilations=ck["dilations"])
    st = ck["state"]
    st.setdefault("blank_bias", torch.zeros(ck["V"]))
    st.setdefault("rep", torch.zeros(2))
    m.load_state_dict(st)
    m.eval()
    lex = L.load_phrases(verbose=False)
    data_meta = os.path.join(CACHE, "data", "train_meta.json")
    trained = json.load(open(data_meta)) if os.path.exists(data_meta) else {}
    calib = calibrate(m, lex, {it["text"] for it in trained.get("items", [])})
    s = Streaming(m).eval()
    S = s.state_dim()
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "model.onnx")
    # everything is written next to its target and renamed into place, so a media
    # service starting during a retrain loads the old model or the new one, never half a file
    tmp = path + ".tmp"
    audio = torch.zeros(1, CHUNK, 1, dtype=torch.int32)
    state = torch.zeros(1, S, dtype=torch.float16)
    with torch.no_grad():
        torch.onnx.export(s, (audio, state), tmp, opset_version=13,
                          input_names=["audio", "state"], output_names=["logprobs", "next_state"],
                          dynamic_axes={"audio": {0: "B"}, "state": {0: "B"}, "logprobs": {0: "B"}, "next_state": {0: "B"}},
                          do_constant_folding=True)
    mo = onnx.load(tmp)
    meta = {"sample_rate": "8000", "frame_length_ms": "300", "state_dim": str(S),
            "model_type": "voicebot-tcn-ctc", "vocab_size": str(ck["V"]),
            "comment": "voicebot-tel-zh-en: causal dilated TCN CTC, tools/asr-model"}
    del mo.metadata_props[:]
    for k, v in meta.items():
        p = mo.metadata_props.add()
        p.key, p.value = k, v
    onnx.checker.check_model(mo)
    onnx.save(mo, tmp)
    toks = ck["tokens"]
    tok_path = os.path.join(out_dir, "tokens.txt")
    with open(tok_path + ".tmp", "w", encoding="utf-8") as f:
        for i, t in enumerate(toks):
            f.write(f"{t} {i}\n")
    os.replace(tok_path + ".tmp", tok_path)
    os.replace(tmp, path)
    stats = {}
    sp = os.path.join(CACHE, "data", "stats.json")
    if os.path.exists(sp):
        stats = json.load(open(sp))
    # phrase lists as TRAINED (from the checkpoint's vocabulary), plus any
    # phrases the current scripts contain that this model does not cover
    zh_model = [t for t in toks[2:] if not t.startswith("\u2581")]
    en_words = set(t[1:] for t in toks if t.startswith("\u2581"))
    en_model = [p for p in trained.get("en", lex["en"]) if all(w in en_words for w in p.split())]
    not_covered = [p for p in lex["zh"] if p not in zh_model] + [p for p in lex["en"] if any(w not in en_words for w in p.split())]
    mp = os.path.join(out_dir, "manifest.json")
    manifest = {
        "name": "voicebot-tel-zh-en",
        "kind": "toneCtc",
        "files": {"model": "model.onnx", "tokens": "tokens.txt"},
        "sherpaConfig": {"modelConfig": {"toneCtc": {"model": "model.onnx"}, "tokens": "tokens.txt", "numThreads": 1}},
        "interface": {"sampleRate": 8000, "chunkSamples": CHUNK, "frameLengthMs": 300, "framesPerChunk": 10,
                      "frameShiftMs": 30, "stateDim": S, "audio": "int32 [B,2400,1]", "state": "float16 [B,state_dim]",
                      "outputs": ["float32 log-probs [B,10,V]", "float16 next state [B,state_dim]"]},
        "architecture": {"type": "causal dilated depthwise-separable TCN with blank-based (CTC-style) greedy output; calibrated blank/<unk> logit biases and in-graph repeat suppression (a recently emitted token that is not the current run is penalised; memory carried in the state)", "channels": ck["C"],
                         "dilations": ck["dilations"], "kernel": 3, "params": ck["params"],
                         "features": f"in-graph log-mel {NMEL} bins 100-3800 Hz, {WIN}-sample Hann window, {HOP}-sample hop, {STACK} frames stacked to 30 ms",
                         "receptiveFieldMs": 30 * (1 + 2 * sum(ck["dilations"]))},
        "tokenisation": {"scheme": "Chinese lexicon phrase -> one token (the phrase text); English -> one token per word written '▁word' (shown with a leading space); <unk> = garbage / out-of-vocabulary speech; <blk> = CTC blank (id 0)",
                         "vocabSize": ck["V"], "zhPhrases": zh_model, "enPhrases": en_model,
                         "aliases": lex.get("aliases"),
                         "lexiconSources": lex["sources"],
                         "currentLexiconNotCovered": not_covered,
                         "outputNormalisation": "trim; collapse spaces; drop '<unk>' to get keyword text"},
        "voices": {"demoVoices": DEMO_VOICES,
                   "demoVoiceSettings": "espeak-ng default speed (-s 175) and pitch (-p 50); any speed/pitch is fine, the voices are held out",
                   "heldOutVariants": EVAL_VARIANTS,
                   "heldOutRule": "no '+variant' in heldOutVariants is used for any training clip (zh or en); eval clips use only these variants (zh: cmn+v, en: en-us+v / en-gb+v), speed %d-%d, pitch %d-%d, plus the demo voices at defaults" % (EVAL_SPEED + EVAL_PITCH),
                   "trainZh": "cmn with the default voice and every other espeak-ng variant, speed %d-%d, pitch %d-%d" % (TRAIN_SPEED + TRAIN_PITCH),
                   "trainEn": {"bases": EN_TRAIN_BASES, "variants": "default + every espeak-ng variant not held out"},
                   "trainVariants": [v for v in train_variants() if v]},
        "trainingData": {"synthetic": "espeak-ng renders of lexicon phrases, number expressions and non-lexicon sentences (garbage, label <unk>), resampled to 8 kHz; on-the-fly speed perturbation x0.88-1.12 on half the clips; on-the-fly telephone channel: 200-450/3000-3600 Hz band-pass, mu-law/A-law round trips, coloured noise SNR 5-40 dB, level -30..-1 dBFS, 20-60 ms dropouts, hum, clipping; 2-3 phrase concatenations and garbage+phrase mixes",
                         "real": "Asterisk en_US_f_Allison prompts (8 kHz human speech, CC-BY-SA-3.0): transcripts equal to a lexicon phrase are positives, transcripts with no lexicon phrase are garbage; 25% of recordings (by name hash) held out for the OOV eval",
                         **stats},
        "calibration": calib,
        "training": {"loss": "frame-level cross-entropy: blank everywhere, the segment's tokens on consecutive frames right after its end (token frames weighted x%s), greedy CTC-style decoding; blank logit bias calibrated after training" % os.environ.get("ASR_TOKEN_WEIGHT", "8"),
                     "threads": ck.get("threads"), "steps": ck["steps"], "minutes": ck["minutes"], "batch": ck.get("batch"), "seed": ck.get("seed"),
                     "torchEvalHistory": ck.get("history")},
        "metrics": None,  # filled in by eval.ts --update-manifest (train.sh does this)
        "exportedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    with open(mp + ".tmp", "w") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    os.replace(mp + ".tmp", mp)
    write_expected(m, toks)
    print(f"[export] {path} ({os.path.getsize(path)} bytes) state_dim {S} V {ck['V']}", file=sys.stderr)


def write_expected(m, toks):
    """Whole-utterance (non-streaming) PyTorch transcripts of testdata/*.wav,
    for streaming-equivalence.test.ts (same 0.9 s silence flush as the tests)."""
    import numpy as np
    from augment import quantize_like_sherpa
    td = os.path.join(ASR_DIR, "testdata")
    idx = os.path.join(td, "index.json")
    if not os.path.exists(idx):
        return
    out = {}
    for it in json.load(open(idx)):
        x, sr = read_wav(os.path.join(td, it["file"]))
        x = np.concatenate([x.astype(np.float32) / 32768.0, np.zeros(int(0.9 * SR), np.float32)])
        n = len(x) // 2400 * 2400
        w = torch.from_numpy(x[:n]).unsqueeze(0)
        with torch.no_grad():
            ids = greedy(m(quantize_like_sherpa(w), calibrated=True)[0])
        out[it["file"]] = "".join(toks[i].replace("\u2581", " ") for i in ids)
    json.dump({"note": "whole-utterance PyTorch greedy output of the exported checkpoint", "text": out},
              open(os.path.join(td, "expected.json"), "w"), ensure_ascii=False, indent=1)
    print(f"[export] testdata/expected.json: {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
