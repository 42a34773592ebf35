"""Make the small committed test WAVs (8 kHz mono 16-bit) under
tools/asr-model/testdata/ from the held-out demo voices and a held-out Allison
recording. Run once (needs espeak-ng); the tests then need no espeak."""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import *  # noqa
from gen_data import espeak
from augment import telephone

TD = os.path.join(ASR_DIR, "testdata")
ITEMS = [
    ("zh-lixi-duoshao", "zh", DEMO_VOICES["zh"], "利息多少"),
    ("zh-bu-xuyao", "zh", DEMO_VOICES["zh"], "不需要"),
    ("zh-wo-zai-kaihui", "zh", "cmn+m6", "我在开会"),
    ("en-stop-calling", "en", DEMO_VOICES["en"], "stop calling"),
    ("en-transfer-to-a-human", "en", "en-us+f5", "transfer to a human"),
]


def main():
    os.makedirs(TD, exist_ok=True)
    g = torch.Generator().manual_seed(5)
    index = []
    for name, lang, voice, text in ITEMS:
        x = espeak(voice, 175, 50, text)
        x = np.concatenate([np.zeros(1600, np.float32), x, np.zeros(800, np.float32)])
        y = telephone(torch.from_numpy(x).unsqueeze(0), torch.tensor([len(x)]), g, strength=0.5, hum=False)[0]
        write_wav(os.path.join(TD, name + ".wav"), y.numpy())
        index.append(dict(file=name + ".wav", lang=lang, voice=voice, text=text, kind="phrase"))
    # unrelated real human speech (Allison, held-out split)
    x, sr = read_wav(os.path.join(ALLISON_DIR, "cannot-complete-as-dialed.wav"))
    write_wav(os.path.join(TD, "oov-allison-cannot-complete-as-dialed.wav"), x)
    index.append(dict(file="oov-allison-cannot-complete-as-dialed.wav", lang="en", voice="allison", text="", kind="garbage"))
    json.dump(index, open(os.path.join(TD, "index.json"), "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
