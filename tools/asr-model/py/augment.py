"""Telephone-channel augmentation (torch, batched). Used on the fly in training
and, with a fixed seed, to make the held-out evaluation set."""
import math

import torch


def _mulaw(x, mu=255.0):
    y = torch.sign(x) * torch.log1p(mu * x.abs()) / math.log1p(mu)
    y = torch.round((y + 1) / 2 * mu) / mu * 2 - 1
    return torch.sign(y) * ((1 + mu) ** y.abs() - 1) / mu


def _alaw(x, A=87.6):
    ax = x.abs()
    la = 1 + math.log(A)
    y = torch.where(ax < 1 / A, A * ax / la, (1 + torch.log(torch.clamp(A * ax, min=1e-9))) / la)
    y = torch.round(y * 127) / 127
    dec = torch.where(y < 1 / la, y * la / A, torch.exp(y * la - 1) / A)
    return torch.sign(x) * dec


def _bandpass(x, sr, lo, hi):
    # x [B,N]; lo, hi [B]; smooth (raised-cosine 100 Hz) FFT-domain mask
    n = x.shape[1]
    X = torch.fft.rfft(x, dim=1)
    f = torch.fft.rfftfreq(n, 1.0 / sr).unsqueeze(0)
    lo = lo.unsqueeze(1)
    hi = hi.unsqueeze(1)
    m_lo = torch.clamp((f - (lo - 100)) / 200, 0, 1)
    m_hi = torch.clamp(((hi + 100) - f) / 200, 0, 1)
    return torch.fft.irfft(X * m_lo * m_hi, n=n, dim=1)


def _colored_noise(B, n, g):
    w = torch.randn(B, n, generator=g)
    W = torch.fft.rfft(w, dim=1)
    f = torch.arange(W.shape[1]).float().clamp(min=1)
    alpha = torch.rand(B, 1, generator=g) * 1.5  # 0 white .. 1.5 brownish
    W = W / f.unsqueeze(0) ** (alpha / 2)
    w = torch.fft.irfft(W, n=n, dim=1)
    return w / (w.std(dim=1, keepdim=True) + 1e-9)


def telephone(x, lengths, g, sr=8000, strength=1.0, hum=True):
    """x [B,N] float in [-1,1] (zero padded after lengths). Returns augmented x,
    still zero after each length."""
    B, n = x.shape
    dev = x.device
    mask = (torch.arange(n).unsqueeze(0) < lengths.unsqueeze(1)).float()
    r = lambda *s: torch.rand(*s, generator=g)
    # level before channel
    peak = x.abs().amax(dim=1, keepdim=True) + 1e-6
    x = x / peak * (10 ** (-(r(B, 1) * 6) / 20))
    # band-pass (most of the time)
    bp = r(B) < 0.9 * strength + (1 - strength)
    lo = 200 + r(B) * 250
    hi = 3000 + r(B) * 600
    xb = _bandpass(x, sr, lo, hi)
    x = torch.where(bp.unsqueeze(1), xb, x)
    # additive noise, SNR 5..40 dB (or none)
    sig = (x.pow(2).sum(1, keepdim=True) / lengths.clamp(min=1).unsqueeze(1).float()).sqrt()
    snr = 5 + r(B, 1) * 35 if strength >= 1 else 15 + r(B, 1) * 20
    noise = _colored_noise(B, n, g) * sig * 10 ** (-snr / 20)
    use_noise = (r(B, 1) < 0.85).float()
    x = x + noise * use_noise * (mask if r(1).item() < 0.5 else 1.0)
    if hum and strength >= 1:
        t = torch.arange(n).float() / sr
        fr = torch.where(r(B, 1) < 0.5, torch.full((B, 1), 50.0), torch.full((B, 1), 60.0))
        h = torch.sin(2 * math.pi * fr * t) * sig * 0.05 * (r(B, 1) < 0.15).float()
        x = x + h
    # packet-loss-like dropouts (20..60 ms zeroed), training only
    if strength >= 1:
        for b in range(B):
            if r(1).item() < 0.25:
                for _ in range(int(r(1).item() * 3) + 1):
                    L = int(160 + r(1).item() * 320)
                    s = int(r(1).item() * max(1, int(lengths[b]) - L))
                    x[b, s:s + L] = 0
    # output level: -30 .. -1 dBFS peak
    peak = x.abs().amax(dim=1, keepdim=True) + 1e-6
    lvl = -1 - r(B, 1) * (29 if strength >= 1 else 15)
    x = x / peak * 10 ** (lvl / 20)
    # occasional clipping
    if strength >= 1:
        clip = (r(B, 1) < 0.05).float()
        x = clip * torch.clamp(x * 3, -0.99, 0.99) + (1 - clip) * x
    # G.711 round trip
    c = r(B, 1)
    x = torch.where(c < 0.45, _mulaw(x), torch.where(c < 0.75, _alaw(x), x))
    return torch.clamp(x, -1, 1)


def quantize_like_sherpa(x):
    """sherpa toneCtc feeds int32(clip(x,-1,1)*32767) truncated toward zero."""
    return torch.trunc(torch.clamp(x, -1, 1) * 32767) / 32768.0
