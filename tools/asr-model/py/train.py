"""Train the TCN-CTC model on the cached synthetic telephone data.
Time-budgeted: ASR_TRAIN_MIN minutes (default 24), cosine LR over the budget."""
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import *  # noqa
from augment import telephone, quantize_like_sherpa
from model import TCN, STACK, HOP
from gen_data import trim

torch.set_num_threads(int(os.environ.get("ASR_THREADS", "2")))
BUDGET = float(os.environ.get("ASR_TRAIN_MIN", "50")) * 60
BATCH = int(os.environ.get("ASR_BATCH", "32"))
SEED = int(os.environ.get("ASR_SEED", "1"))
C = int(os.environ.get("ASR_C", "192"))
FR = STACK * HOP  # 240 samples per output frame
TOKW = float(os.environ.get("ASR_TOKEN_WEIGHT", "8"))


class Data:
    def __init__(self):
        d = os.path.join(CACHE, "data")
        self.audio = np.load(os.path.join(d, "train_audio.npy"), mmap_mode="r")
        meta = json.load(open(os.path.join(d, "train_meta.json")))
        self.tokens = meta["tokens"]
        self.items = meta["items"]
        self.pos = [i for i in self.items if i["kind"] != "garbage"]
        self.pos_zh = [i for i in self.pos if i["lang"] == "zh"]
        self.pos_en = [i for i in self.pos if i["lang"] == "en"]
        self.gar = [i for i in self.items if i["kind"] == "garbage"]
        self.rng = random.Random(SEED)
        print(f"[train] {len(self.pos)} positive clips, {len(self.gar)} garbage clips, V={len(self.tokens)}", file=sys.stderr)

    def clip(self, it):
        x = np.asarray(self.audio[it["off"]:it["off"] + it["n"]], dtype=np.float32) / 32768.0
        if it["voice"].startswith("allison") and it["kind"] != "garbage":
            x = trim(x)
        if it["voice"].startswith("allison") and it["kind"] == "garbage" and len(x) > 4 * SR and self.rng.random() < 0.7:
            L = int(self.rng.uniform(1.0, 3.0) * SR)
            s = self.rng.randrange(0, len(x) - L)
            x = x[s:s + L]
        if self.rng.random() < 0.5:
            # speed perturbation (tempo and formants together, like Kaldi's 0.9/1.1 copies):
            # a vocal-tract-length change the espeak-ng pitch/speed settings do not give
            f = self.rng.uniform(0.88, 1.12)
            n = max(2, int(len(x) / f))
            x = np.interp(np.arange(n) * f, np.arange(len(x)), x).astype(np.float32)
        return x * self.rng.uniform(0.3, 1.0)

    def sil(self, a, b):
        return np.zeros(int(self.rng.uniform(a, b) * SR), np.float32)

    def example(self):
        r = self.rng.random()
        R = self.rng
        segs, ids = [], []

        def pos_item():
            lst = self.pos_zh if R.random() < 0.55 else self.pos_en
            return R.choice(lst)

        if r < 0.58:
            plan = [pos_item()]
        elif r < 0.70:
            a = pos_item()
            lst = self.pos_zh if a["lang"] == "zh" else self.pos_en
            plan = [a, R.choice(lst)]
        elif r < 0.87:
            plan = [R.choice(self.gar)]
        elif r < 0.96:
            plan = [R.choice(self.gar), pos_item()]
            if R.random() < 0.4:
                plan.reverse()
        else:
            plan = []
        segs.append(self.sil(0.0, 0.35))
        pos = len(segs[0])
        marks = []
        for k, it in enumerate(plan):
            if k:
                g = self.sil(0.15, 0.5)
                segs.append(g)
                pos += len(g)
            c = self.clip(it)
            segs.append(c)
            pos += len(c)
            marks.append((pos, it["ids"]))
        segs.append(self.sil(0.35, 0.6))
        x = np.concatenate(segs)
        if len(x) > 6 * SR:
            x = x[: 6 * SR]
            marks = [(e, i) for e, i in marks if e + FR * (len(i) + 2) <= len(x)]
        ids = [t for _, i in marks for t in i]
        return x, ids, marks

    def batch(self, B):
        # length bucketing: draw 4 batches worth, sort by length, serve in random order
        if not getattr(self, "_queue", None):
            pool = sorted((self.example() for _ in range(4 * B)), key=lambda e: len(e[0]))
            self._queue = [pool[i * B:(i + 1) * B] for i in range(4)]
            self.rng.shuffle(self._queue)
        ex = self._queue.pop()
        n = max(len(x) for x, _, _ in ex)
        n = (n + FR - 1) // FR * FR
        wav = torch.zeros(B, n)
        lens = torch.zeros(B, dtype=torch.long)
        # frame targets: blank (0) everywhere, the segment's tokens on consecutive
        # frames right after its end (a causal model has then heard all of it),
        # one "don't care" frame either side, -100 on padding
        T = n // FR
        ft = torch.full((B, T), -100, dtype=torch.long)
        for b, (x, ids, marks) in enumerate(ex):
            wav[b, : len(x)] = torch.from_numpy(x)
            lens[b] = len(x)
            nf = (len(x) + FR - 1) // FR
            ft[b, :nf] = 0
            for e, toks in marks:
                f0 = e // FR + 1
                if f0 - 1 < nf:
                    ft[b, f0 - 1] = -100
                for j, t in enumerate(toks):
                    if f0 + j < nf:
                        ft[b, f0 + j] = t
                if f0 + len(toks) < nf:
                    ft[b, f0 + len(toks)] = -100
        self._last_ids = [ids for _, ids, _ in ex]
        return wav, lens, ft


def spec_aug(f):
    # f [B, 120, T]: 3 stacked 40-bin frames; mask a few mel bins (same in all 3) and short time spans
    B, D, T = f.shape
    f = f.clone()
    for b in range(B):
        if random.random() < 0.5:
            w = random.randint(1, 6)
            s = random.randint(0, 40 - w)
            for k in range(STACK):
                f[b, k * 40 + s:k * 40 + s + w, :] = 0
        if random.random() < 0.3 and T > 10:
            w = random.randint(1, 3)
            s = random.randint(0, T - w)
            f[b, :, s:s + w] = 0
    return f


def greedy(lp, T=None):
    a = lp.argmax(-1).tolist()
    out, prev = [], 0
    for t, k in enumerate(a[: T]):
        if k != prev and k != 0:
            out.append(k)
        prev = k
    return out


def load_eval(tokens, limit=400):
    p = os.path.join(CACHE, "eval", "eval.json")
    if not os.path.exists(p):
        return []
    items = json.load(open(p))["items"]
    random.Random(0).shuffle(items)
    out = []
    for it in items[:limit]:
        x, sr = read_wav(os.path.join(CACHE, "eval", it["file"]))
        out.append((it, x.astype(np.float32) / 32768.0))
    return out


def evaluate(model, ev, tokens):
    import lexicon as L
    model.eval()
    zh = [t for t in tokens[2:] if not t.startswith("▁")]
    ok = {"zh": [0, 0], "en": [0, 0]}
    gar = [0, 0]
    with torch.no_grad():
        for it, x in ev:
            x = np.concatenate([x, np.zeros(4800, np.float32)])
            n = (len(x) + FR - 1) // FR * FR
            w = torch.zeros(1, n)
            w[0, : len(x)] = torch.from_numpy(x)
            ids = greedy(model(quantize_like_sherpa(w))[0])
            txt = "".join(tokens[i] for i in ids).replace("▁", " ").strip()
            if it["kind"] == "garbage":
                gar[1] += 1
                gar[0] += int(any(i > 1 for i in ids))
            else:
                ok[it["lang"]][1] += 1
                ok[it["lang"]][0] += int(txt == it["text"])
    model.train()
    f = lambda a: round(a[0] / max(1, a[1]), 3)
    return {"exactZh": f(ok["zh"]), "exactEn": f(ok["en"]), "garbageKw": f(gar)}


def main():
    torch.manual_seed(SEED)
    random.seed(SEED)
    data = Data()
    V = len(data.tokens)
    model = TCN(V, C=C)
    # feature normalisation constants from a few augmented batches
    g = torch.Generator().manual_seed(SEED)
    with torch.no_grad():
        fs = []
        for _ in range(8):
            wav, lens, _ = data.batch(16)
            wav = quantize_like_sherpa(telephone(wav, lens, g))
            f = model.front(F.pad(wav, (120, 0)))
            m = (torch.arange(f.shape[1]).unsqueeze(0) < (lens // HOP).unsqueeze(1))
            fs.append(f[m])
        fs = torch.cat(fs)
        model.front.mean.copy_(fs.mean(0))
        model.front.std.copy_(fs.std(0) + 1e-3)
    nparams = sum(p.numel() for p in model.parameters())
    print(f"[train] params {nparams/1e6:.3f}M state_dim {model.state_dim()} budget {BUDGET/60:.1f} min", file=sys.stderr)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-2)
    ctc = torch.nn.CTCLoss(blank=0, zero_infinity=True)
    ev = load_eval(data.tokens, limit=300)
    t0 = time.time()
    step, last_log, last_eval = 0, t0, t0
    peak, warm = float(os.environ.get("ASR_LR", "3e-3")), 100
    losses = []
    history = []
    while True:
        el = time.time() - t0
        frac = el / BUDGET
        if frac >= 1:
            break
        lr = peak * min(1, (step + 1) / warm) * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * frac)))
        for pg in opt.param_groups:
            pg["lr"] = lr
        wav, lens, ft = data.batch(BATCH)
        with torch.no_grad():
            wav = quantize_like_sherpa(telephone(wav, lens, g))
        lp = model(wav, spec_aug=spec_aug)
        ft = ft[:, : lp.shape[1]]
        nll = F.nll_loss(lp.reshape(-1, V), ft.reshape(-1), reduction="none", ignore_index=-100).view_as(ft)
        valid = (ft != -100).float()
        wgt = valid * torch.where(ft > 0, torch.full_like(valid, TOKW), torch.ones_like(valid))
        loss = (nll * wgt).sum() / valid.sum().clamp(min=1)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        losses.append(loss.item())
        step += 1
        now = time.time()
        if now - last_log > 60:
            print(f"[train] {el/60:5.1f} min step {step} loss {np.mean(losses[-50:]):.3f} lr {lr:.2e}", file=sys.stderr)
            last_log = now
        if ev and now - last_eval > 480:
            r = evaluate(model, ev, data.tokens)
            history.append(dict(minute=round(el / 60, 1), step=step, **r))
            print(f"[train] eval(torch, subset) {r}", file=sys.stderr)
            save(model, data, V, nparams, step, t0, history, final=False)
            last_eval = time.time()
    r = evaluate(model, ev, data.tokens) if ev else {}
    history.append(dict(minute=round((time.time() - t0) / 60, 1), step=step, **r))
    print(f"[train] done: {step} steps, final eval(torch, subset) {r}", file=sys.stderr)
    save(model, data, V, nparams, step, t0, history, final=True)


def save(model, data, V, nparams, step, t0, history, final):
    os.makedirs(os.path.join(CACHE, "ckpt"), exist_ok=True)
    torch.save(dict(state=model.state_dict(), V=V, C=C, dilations=model.dilations, tokens=data.tokens,
                    steps=step, minutes=round((time.time() - t0) / 60, 1), params=nparams, history=history,
                    batch=BATCH, seed=SEED, threads=torch.get_num_threads(), final=final),
               os.path.join(CACHE, "ckpt", "model.pt" if final else "latest.pt"))


if __name__ == "__main__":
    main()
