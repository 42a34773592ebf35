"""Shared constants: voices (train / held-out eval / demo), paths, audio I/O."""
import os
import struct
import wave

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ASR_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(ASR_DIR))
CACHE = os.path.join(ASR_DIR, ".cache")
OUT_DIR = os.path.join(REPO, "wasm", "models", "voicebot-tel-zh-en")
SR = 8000
ALLISON_DIR = "/usr/share/asterisk/sounds/en_US_f_Allison"
ALLISON_TXT = "/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz"
ESPEAK_VARIANT_DIR = "/usr/lib/x86_64-linux-gnu/espeak-ng-data/voices/!v"

# ---- voices -------------------------------------------------------------
# Demo callee audio (another engineer) is synthesised with these exact voice
# strings at espeak-ng default speed/pitch. They are held out from training.
DEMO_VOICES = {"zh": "cmn+f2", "en": "en-us+m3"}
# Variants that never appear in training data (any base language).
EVAL_VARIANTS = ["f2", "m3", "f5", "m6", "klatt3", "Andy", "steph3", "iven2"]
ZH_BASES = ["cmn"]
EN_TRAIN_BASES = ["en-us", "en-gb", "en-029", "en-gb-scotland", "en-gb-x-rp",
                  "en-gb-x-gbclan", "en-gb-x-gbcwmd"]
EN_EVAL_BASES = ["en-us", "en-us", "en-gb"]
TRAIN_SPEED = (110, 220)
TRAIN_PITCH = (15, 85)
EVAL_SPEED = (130, 200)
EVAL_PITCH = (25, 75)


def all_variants():
    try:
        names = sorted(os.listdir(ESPEAK_VARIANT_DIR))
    except OSError:
        names = ["f1", "f2", "f3", "f4", "f5", "m1", "m2", "m3", "m4", "m5", "m6", "m7"]
    return names


def train_variants():
    return [""] + [v for v in all_variants() if v not in EVAL_VARIANTS]


def write_wav(path, x, sr=SR):
    x = np.asarray(x)
    if x.dtype != np.int16:
        x = (np.clip(x, -1, 1) * 32767).astype(np.int16)
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(x.tobytes())


def read_wav(path):
    with wave.open(path, "rb") as w:
        sr = w.getframerate()
        ch = w.getnchannels()
        assert w.getsampwidth() == 2, path
        x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
    if ch > 1:
        x = x.reshape(-1, ch).mean(axis=1).astype(np.int16)
    return x, sr


def parse_wav_bytes(b):
    """espeak-ng --stdout writes a WAV with bogus sizes; find fmt/data chunks."""
    assert b[:4] == b"RIFF", "not a wav"
    pos = 12
    sr = 22050
    while pos + 8 <= len(b):
        cid = b[pos:pos + 4]
        size = struct.unpack("<I", b[pos + 4:pos + 8])[0]
        if cid == b"fmt ":
            sr = struct.unpack("<I", b[pos + 12:pos + 16])[0]
        if cid == b"data":
            data = b[pos + 8:]
            data = data[: len(data) // 2 * 2]
            return np.frombuffer(data, dtype=np.int16), sr
        pos += 8 + size
    raise ValueError("no data chunk")
