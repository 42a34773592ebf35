"""Lexicon collection and tokenisation for the voicebot telephone ASR model.

Phrases come from tools/asr-model/lexicon.yaml plus every string in arrays under
keys named keywords/phrases/synonyms/examples (any depth) in
services/dialogue/scripts/*.yaml.

Tokenisation:
  * Chinese phrase (contains a CJK char)  -> ONE token per phrase (the phrase text)
  * English phrase                        -> one token per word, written "▁word"
  * <blk> (id 0, CTC blank), <unk> (id 1, garbage / out-of-vocabulary speech)
"""
import glob
import json
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ASR_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(ASR_DIR))
KEYS = {"keywords", "phrases", "synonyms", "examples"}
CJK = re.compile(r"[\u3400-\u9fff]")
ZH_PUNCT = re.compile(r"[\s，。？！、,.?!;；:：\"'“”‘’（）()…~～]+")


class _StrLoader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1 implicit booleans: `yes`, `no`, `on`, `off`
    stay strings (they are lexicon words here)."""


_StrLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _collect(node, out, under_key=False):
    if isinstance(node, dict):
        for k, v in node.items():
            _collect(v, out, str(k) in KEYS)
    elif isinstance(node, list):
        for v in node:
            if isinstance(v, (str, int, float)) and not isinstance(v, bool) and under_key:
                out.append(str(v))
            else:
                _collect(v, out, under_key)


def normalize(p):
    """Return (lang, text) or None. zh: punctuation/spaces removed; en: words
    joined by single spaces, punctuation except ' and - removed."""
    p = str(p).strip()
    if not p:
        return None
    if CJK.search(p):
        t = ZH_PUNCT.sub("", p)
        if re.search(r"[A-Za-z0-9]", t):
            return None  # mixed-script phrases are not supported
        return ("zh", t)
    t = re.sub(r"[^A-Za-z0-9'\- ]+", " ", p.replace("\u2019", "'"))
    t = " ".join(t.lower().split())
    if not t:
        return None
    return ("en", t)


def load_phrases(repo=REPO, verbose=True):
    sources = [os.path.join(ASR_DIR, "lexicon.yaml")]
    sources += sorted(glob.glob(os.path.join(repo, "services", "dialogue", "scripts", "**", "*.yaml"), recursive=True))
    zh, en, skipped = [], [], []
    used = []
    aliases = {}
    try:
        with open(sources[0], encoding="utf-8") as f:
            for k, v in ((yaml.load(f, Loader=_StrLoader) or {}).get("aliases") or {}).items():
                a, b = normalize(k), normalize(v)
                if a and b:
                    aliases[a[1]] = b[1]
    except Exception as e:
        print(f"[lexicon] WARNING cannot read aliases: {e}", file=sys.stderr)
    for src in sources:
        try:
            with open(src, encoding="utf-8") as f:
                docs = list(yaml.load_all(f, Loader=_StrLoader))
        except Exception as e:  # a broken script must not break training
            print(f"[lexicon] WARNING cannot parse {src}: {e}", file=sys.stderr)
            continue
        raw = []
        for d in docs:
            _collect(d, raw)
        used.append({"file": os.path.relpath(src, repo), "strings": len(raw)})
        for p in raw:
            n = normalize(p)
            if n is None:
                skipped.append(p)
                continue
            lang, t = n
            t = aliases.get(t, t)
            lst = zh if lang == "zh" else en
            if t not in lst:
                lst.append(t)
    if verbose:
        print(f"[lexicon] {len(zh)} zh phrases, {len(en)} en phrases from {len(used)} files; skipped {len(skipped)}", file=sys.stderr)
    return {"zh": zh, "en": en, "sources": used, "skipped": skipped, "aliases": aliases}


def build_tokens(lex):
    tokens = ["<blk>", "<unk>"]
    for p in lex["zh"]:
        tokens.append(p)
    for p in lex["en"]:
        for w in p.split():
            t = "▁" + w
            if t not in tokens:
                tokens.append(t)
    return tokens


def zh_segment(text, zh_units):
    """Greedy longest-match segmentation of a zh string into phrase units."""
    units = sorted(zh_units, key=len, reverse=True)
    out, i = [], 0
    while i < len(text):
        for u in units:
            if text.startswith(u, i):
                out.append(u)
                i += len(u)
                break
        else:
            return None
    return out


def encode(lang, text, tok2id, zh_units):
    if lang == "zh":
        seg = zh_segment(text, zh_units)
        if seg is None:
            return None
        return [tok2id[s] for s in seg]
    ids = []
    for w in text.split():
        t = "▁" + w
        if t not in tok2id:
            return None
        ids.append(tok2id[t])
    return ids


if __name__ == "__main__":
    lex = load_phrases()
    toks = build_tokens(lex)
    print(json.dumps({"zh": lex["zh"], "en": lex["en"], "V": len(toks)}, ensure_ascii=False))
