"""Generate the synthetic telephone dataset (cached under tools/asr-model/.cache).

train: clean 8 kHz clips (espeak-ng, training voices only; Allison training
       split) stored as one int16 array + metadata; telephone augmentation and
       phrase concatenation happen on the fly in train.py.
eval:  held-out voices (EVAL_VARIANTS incl. the demo voices) rendered once,
       passed through the telephone channel with a fixed seed and written as
       WAVs + eval.json for tools/asr-model/eval.ts.
"""
import gzip
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
from multiprocessing import Pool

import numpy as np
import torch
import torchaudio

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import *  # noqa
import lexicon as L
from augment import telephone

VERSION = 5
N_PER_PHRASE = int(os.environ.get("ASR_N_PER_PHRASE", "64"))
N_EVAL_PER_PHRASE = 3          # demo voice (defaults) + 2 random held-out configs

_resamplers = {}


def espeak(voice, speed, pitch, text):
    cmd = ["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "--stdout", text]
    b = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout
    x, sr = parse_wav_bytes(b)
    t = torch.from_numpy(x.astype(np.float32) / 32768.0)
    if sr != SR:
        if sr not in _resamplers:
            _resamplers[sr] = torchaudio.transforms.Resample(sr, SR)
        t = _resamplers[sr](t.unsqueeze(0))[0]
    return trim(t.numpy())


def trim(x, thr=0.01, margin=240):
    a = np.abs(x)
    idx = np.where(a > thr * (a.max() + 1e-9))[0]
    if len(idx) == 0:
        return x[:0]
    s = max(0, idx[0] - margin)
    e = min(len(x), idx[-1] + margin)
    return x[s:e]


def _job(j):
    torch.set_num_threads(1)
    try:
        x = espeak(j["voice"], j["speed"], j["pitch"], j["text"])
    except Exception as e:  # noqa
        return j, None
    return j, (np.clip(x, -1, 1) * 32767).astype(np.int16)


def load_allison():
    trans = {}
    with gzip.open(ALLISON_TXT, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            if ":" in line and not line.startswith(";"):
                k, v = line.split(":", 1)
                trans[k.strip()] = v.strip()
    items = []
    for k, v in trans.items():
        p = os.path.join(ALLISON_DIR, k + ".wav")
        if os.path.exists(p) and not v.startswith("["):
            items.append((k, v, p))
    return items


_NUM = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _num_words(n):
    n = int(n)
    if n < 20:
        return _NUM[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _NUM[n % 10])
    if n < 1000:
        return _NUM[n // 100] + " hundred" + ("" if n % 100 == 0 else " " + _num_words(n % 100))
    return " ".join(_NUM[int(c)] for c in str(n))  # digit strings (extensions, numbers)


def en_words(s):
    s = re.sub(r"\d+", lambda m: " " + _num_words(m.group(0)) + " ", s.lower())
    return re.sub(r"[^a-z0-9' ]+", " ", s.replace("-", " ")).split()


def contains_en_phrase(text, en_phrases):
    w = " " + " ".join(en_words(text)) + " "
    for p in en_phrases:
        if " " + " ".join(en_words(p)) + " " in w:
            return True
    return False


def contains_zh_phrase(text, zh_phrases):
    return any(p in text for p in zh_phrases)


def held_out(key, frac=0.25):
    h = int(hashlib.md5(key.encode()).hexdigest()[:8], 16)
    return (h % 1000) < frac * 1000


def zh_number_texts(rng, n):
    d = list("一二三四五六七八九")
    out = set()
    while len(out) < n:
        k = rng.random()
        if k < 0.3:
            t = rng.choice(d) + rng.choice("十百千万")
        elif k < 0.55:
            t = rng.choice(d) + "十" + rng.choice(d)
        elif k < 0.75:
            t = rng.choice(d) + "千" + rng.choice(d) + "百"
        elif k < 0.9:
            t = rng.choice(d) + "万" + rng.choice(d) + "千"
        else:
            t = "".join(rng.choice(d) for _ in range(rng.randint(2, 4)))
        out.add(t)
    return sorted(out)


def en_number_texts(rng, n):
    ones = "one two three four five six seven eight nine".split()
    teens = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
    out = set()
    while len(out) < n:
        k = rng.random()
        if k < 0.4:
            t = " ".join(rng.choice(ones + teens + ["twenty"]) for _ in range(rng.randint(2, 4)))
        elif k < 0.7:
            t = "twenty " + rng.choice(ones)
        elif k < 0.85:
            t = rng.choice(ones + teens + ["twenty", "fifty"]) + " thousand"
        else:
            t = rng.choice(ones) + " hundred thousand"
        out.add(t)
    return sorted(out)


def zh_random_garbage(rng, n, zh_phrases):
    pool = list("我你他她们的是在有人这中大来上国到说时要就出会也子得里后自以家可下而过天去能"
                "没看起还发成事只作当想开手知理眼志点心战二问但身方实吃做叫当住听革打呢真全才四已所"
                "敌之最光产情路分总条白话东席次亲如被花口放儿常气五第使写军吧文运再果怎定许快明行因别飞外树"
                "物活部门无往船望新带队先力完却站代员机更九您每风级跟笑啊孩万少直意夜比阶连车重便斗马哪化太指变"
                "社似士者干石满日决百原拿群究各六本思解立河村八难早论吗根共让相研今其书坐接应关信觉步反处记将千找争领或师结块跑谁草越字加脚紧爱等习阵怕月青半火法题建赶位唱海七女任件感准张团屋离色脸片科倒睛利世刚且由送切星导晚表够整认响雪流未场该并底深刻平伟忙提确近亮轻讲农古黑告界拉名呀土清阳照办史改历转画造嘴此治北必服雨穿内识验传业菜爬睡兴形量咱观苦体众通冲合破友度术饭公旁房极南枪读沙岁线野坚空收算至政城劳落钱特围弟胜教热展包歌类渐强数乡呼性音答哥际旧神座章帮啦受系令跳非何牛取入岸敢掉忽种装顶急林停息句区衣般报叶压慢叔背细")
    bad = set("一二三四五六七八九十百千万好行对嗯啊哦")
    pool = [c for c in dict.fromkeys(pool) if c not in bad]
    out = []
    while len(out) < n:
        t = "".join(rng.choice(pool) for _ in range(rng.randint(3, 10)))
        if not contains_zh_phrase(t, zh_phrases):
            out.append(t)
    return out


def main():
    t0 = time.time()
    lex = L.load_phrases()
    zh, en = lex["zh"], lex["en"]
    tokens = L.build_tokens(lex)
    key = hashlib.md5(json.dumps([VERSION, N_PER_PHRASE, zh, en, EVAL_VARIANTS, DEMO_VOICES,
                                  open(os.path.join(HERE, "garbage_zh.txt")).read(),
                                  open(os.path.join(HERE, "garbage_en.txt")).read()],
                                 ensure_ascii=False).encode()).hexdigest()[:12]
    ddir = os.path.join(CACHE, "data")
    os.makedirs(ddir, exist_ok=True)
    stamp = os.path.join(ddir, "KEY")
    if os.path.exists(stamp) and open(stamp).read().strip() == key and os.environ.get("ASR_REGEN") != "1":
        print(f"[gen] cache up to date ({key}), skipping generation", file=sys.stderr)
        return
    rng = random.Random(1234)
    tv = train_variants()
    ev = list(EVAL_VARIANTS)

    def vtrain(lang):
        base = "cmn" if lang == "zh" else rng.choice(EN_TRAIN_BASES)
        v = rng.choice(tv)
        return base + ("+" + v if v else ""), rng.randint(*TRAIN_SPEED), rng.randint(*TRAIN_PITCH)

    # the eval set draws from its own generator so that changing the amount of
    # training data does not change which held-out voices are evaluated
    erng = random.Random(4321)

    def veval(lang):
        base = "cmn" if lang == "zh" else erng.choice(EN_EVAL_BASES)
        return base + "+" + erng.choice(ev), erng.randint(*EVAL_SPEED), erng.randint(*EVAL_PITCH)

    # ---- garbage text, split sentence-disjoint train/eval ----
    gz = [s.strip() for s in open(os.path.join(HERE, "garbage_zh.txt"), encoding="utf-8") if s.strip()]
    gz = [re.sub(r"[，。？！,]", "，", s) for s in gz]
    gz = [s for s in gz if not contains_zh_phrase(s, zh)]
    ge = [s.strip() for s in open(os.path.join(HERE, "garbage_en.txt")) if s.strip()]
    allison = load_allison()
    ge += [v for _, v, _ in allison]
    ge = [s for s in dict.fromkeys(ge) if not contains_en_phrase(s, en) and len(en_words(s)) >= 2]
    rz_ev = zh_random_garbage(erng, 40, zh)
    rz = rz_ev + [t for t in zh_random_garbage(rng, 600, zh) if t not in rz_ev]
    gz_tr = [s for s in gz if not held_out(s)] + rz[40:]
    gz_ev = [s for s in gz if held_out(s)] + rz_ev
    ge_tr = [s for s in ge if not held_out(s)]
    ge_ev = [s for s in ge if held_out(s)]
    print(f"[gen] garbage zh {len(gz_tr)}/{len(gz_ev)} en {len(ge_tr)}/{len(ge_ev)} (train/eval)", file=sys.stderr)

    jobs = []
    for p in zh:
        n = N_PER_PHRASE
        for _ in range(n):
            v, s, pi = vtrain("zh")
            jobs.append(dict(split="train", kind="phrase", lang="zh", text=p, voice=v, speed=s, pitch=pi))
    for p in en:
        for _ in range(N_PER_PHRASE):
            v, s, pi = vtrain("en")
            jobs.append(dict(split="train", kind="phrase", lang="en", text=p, voice=v, speed=s, pitch=pi))
    for t in zh_number_texts(rng, 250):
        v, s, pi = vtrain("zh")
        jobs.append(dict(split="train", kind="number", lang="zh", text=t, voice=v, speed=s, pitch=pi))
    for t in en_number_texts(rng, 250):
        v, s, pi = vtrain("en")
        jobs.append(dict(split="train", kind="number", lang="en", text=t, voice=v, speed=s, pitch=pi))
    for t in gz_tr:
        for _ in range(4 if len(t) > 12 or t in rz else 6):
            v, s, pi = vtrain("zh")
            jobs.append(dict(split="train", kind="garbage", lang="zh", text=t, voice=v, speed=s, pitch=pi))
    for t in ge_tr:
        for _ in range(2):
            v, s, pi = vtrain("en")
            jobs.append(dict(split="train", kind="garbage", lang="en", text=t, voice=v, speed=s, pitch=pi))
    # eval
    for lang, plist in (("zh", zh), ("en", en)):
        for p in plist:
            jobs.append(dict(split="eval", kind="phrase", lang=lang, text=p, voice=DEMO_VOICES[lang],
                             speed=175, pitch=50, demo=True))
            for _ in range(N_EVAL_PER_PHRASE - 1):
                v, s, pi = veval(lang)
                jobs.append(dict(split="eval", kind="phrase", lang=lang, text=p, voice=v, speed=s, pitch=pi))
    for lang, glist in (("zh", gz_ev), ("en", ge_ev)):
        rr = random.Random(7)
        for t in rr.sample(glist, min(60, len(glist))):
            v, s, pi = veval(lang)
            jobs.append(dict(split="eval", kind="garbage", lang=lang, text=t, voice=v, speed=s, pitch=pi))
    print(f"[gen] {len(jobs)} espeak-ng renders", file=sys.stderr)
    with Pool(2) as pool:
        res = pool.map(_job, jobs, chunksize=32)
    print(f"[gen] espeak done in {time.time()-t0:.0f}s", file=sys.stderr)

    # Allison (real human, 8 kHz): positives if the transcript is exactly a
    # lexicon phrase, garbage if it contains no lexicon phrase, else skipped.
    en_norm = {" ".join(en_words(p)): p for p in en}
    train_items, eval_items = [], []
    for k, v, path in allison:
        x, sr = read_wav(path)
        if sr != SR or len(x) < 800:
            continue
        nv = " ".join(en_words(v))
        split = "eval" if held_out("allison:" + k) else "train"
        if nv in en_norm:
            kind, text = "phrase", en_norm[nv]
        elif not contains_en_phrase(v, en):
            kind, text = "garbage", v
        else:
            continue
        if split == "eval" and kind != "garbage":
            continue  # eval positives are espeak held-out voices only
        j = dict(split=split, kind=kind, lang="en", text=text, voice="allison:" + k, speed=0, pitch=0)
        res.append((j, x))

    # write train store
    clips, meta, off = [], [], 0
    for j, x in res:
        if x is None or len(x) < 400 or j["split"] != "train":
            continue
        if j["kind"] == "garbage":
            ids = [1]
        else:
            ids = L.encode(j["lang"], j["text"], {t: i for i, t in enumerate(tokens)}, zh)
            if ids is None:
                print("[gen] cannot encode", j["text"], file=sys.stderr)
                continue
        clips.append(x)
        meta.append(dict(off=off, n=len(x), ids=ids, **{k: j[k] for k in ("kind", "lang", "text", "voice")}))
        off += len(x)
    np.save(os.path.join(ddir, "train_audio.npy"), np.concatenate(clips))
    with open(os.path.join(ddir, "train_meta.json"), "w") as f:
        json.dump(dict(tokens=tokens, zh=zh, en=en, items=meta), f, ensure_ascii=False)
    hours = off / SR / 3600

    # write eval set (telephone channel, fixed seed, 0.3 s lead silence)
    edir = os.path.join(CACHE, "eval")
    os.makedirs(edir, exist_ok=True)
    for fn in os.listdir(edir):
        os.remove(os.path.join(edir, fn))
    g = torch.Generator().manual_seed(99)
    ev_list = []
    for i, (j, x) in enumerate([r for r in res if r[0]["split"] == "eval" and r[1] is not None]):
        y = torch.from_numpy(np.concatenate([np.zeros(2400, np.int16), x, np.zeros(800, np.int16)]).astype(np.float32) / 32768)
        y = telephone(y.unsqueeze(0), torch.tensor([len(y)]), g, strength=0.5, hum=False)[0]
        fn = f"{i:04d}-{j['lang']}-{j['kind']}.wav"
        write_wav(os.path.join(edir, fn), y.numpy())
        ev_list.append(dict(file=fn, **{k: j.get(k) for k in ("kind", "lang", "text", "voice", "speed", "pitch", "demo")}))
    with open(os.path.join(edir, "eval.json"), "w") as f:
        json.dump(dict(items=ev_list, zh=zh, en=en), f, ensure_ascii=False, indent=0)
    stats = dict(trainClips=len(meta), trainHours=round(hours, 2), evalClips=len(ev_list),
                 garbageSentences=dict(zhTrain=len(gz_tr), zhEval=len(gz_ev), enTrain=len(ge_tr), enEval=len(ge_ev)),
                 seconds=round(time.time() - t0))
    json.dump(stats, open(os.path.join(ddir, "stats.json"), "w"))
    open(stamp, "w").write(key)
    print(f"[gen] {stats}", file=sys.stderr)


if __name__ == "__main__":
    main()
