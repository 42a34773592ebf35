"""Causal dilated TCN over in-graph log-mel features (T-one `toneCtc` shape).

Audio 8 kHz -> 25 ms / 10 ms log-mel (40 bins, windowed DFT as a fixed conv)
-> stack 3 frames (30 ms) -> pointwise in-projection -> N residual blocks of
(causal depthwise dilated conv k=3 -> BN -> ReLU -> pointwise -> BN)
-> pointwise to vocabulary, log-softmax. 10 output frames per 300 ms chunk.

The whole streaming context is: last 120 audio samples + each block's
(k-1)*dilation frames of input history; packed into one state vector.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchaudio

WIN, HOP, NMEL, STACK = 200, 80, 40, 3
CTX = WIN - HOP  # 120 samples of audio carried over
CHUNK = 2400


class Frontend(nn.Module):
    def __init__(self):
        super().__init__()
        n = torch.arange(WIN).float()
        nb = WIN // 2 + 1
        k = torch.arange(nb).float().unsqueeze(1)
        w = torch.hann_window(WIN, periodic=True)
        cos = torch.cos(2 * math.pi * k * n / WIN) * w
        sin = torch.sin(2 * math.pi * k * n / WIN) * w
        self.register_buffer("dft", torch.cat([cos, sin], 0).unsqueeze(1))  # [2nb,1,WIN]
        fb = torchaudio.functional.melscale_fbanks(nb, 100.0, 3800.0, NMEL, 8000, norm=None, mel_scale="htk")
        self.register_buffer("fb", fb)  # [nb, NMEL]
        self.register_buffer("mean", torch.zeros(NMEL))
        self.register_buffer("std", torch.ones(NMEL))
        self.nb = nb

    def forward(self, x):
        """x [B, CTX + N] float, N multiple of HOP -> [B, N/HOP, NMEL]"""
        y = F.conv1d(x.unsqueeze(1), self.dft, stride=HOP).transpose(1, 2)  # [B, T, 2nb]
        p = y[:, :, : self.nb] ** 2 + y[:, :, self.nb:] ** 2
        mel = torch.matmul(p, self.fb)
        f = torch.log(mel + 1e-5)
        return (f - self.mean) / self.std


class Block(nn.Module):
    def __init__(self, C, d, k=3, drop=0.0):
        super().__init__()
        self.hist = (k - 1) * d
        self.dw = nn.Conv1d(C, C, k, dilation=d, groups=C)
        self.bn1 = nn.BatchNorm1d(C)
        self.pw = nn.Conv1d(C, C, 1)
        self.bn2 = nn.BatchNorm1d(C)
        self.drop = nn.Dropout(drop)
        self.d = d
        self.k = k
        nn.init.zeros_(self.bn2.weight)  # residual branch starts as identity

    def _dw(self, xi):
        if not torch.onnx.is_in_onnx_export():
            return self.dw(xi)
        # export: k shifted slices * per-channel weights (ORT's grouped Conv is slow in WASM)
        T = xi.shape[2] - self.hist
        w = self.dw.weight  # [C,1,k]
        y = self.dw.bias.view(1, -1, 1)
        for j in range(self.k):
            y = y + xi[:, :, j * self.d: j * self.d + T] * w[:, :, j].view(1, -1, 1)
        return y

    def forward(self, x, hist=None):
        if hist is None:
            xi = F.pad(x, (self.hist, 0))
        else:
            xi = torch.cat([hist, x], 2)
        new_hist = xi[:, :, xi.shape[2] - self.hist:]
        y = self.bn2(self.pw(F.relu(self.bn1(self._dw(xi)))))
        return x + self.drop(y), new_hist


class TCN(nn.Module):
    def __init__(self, V, C=192, dilations=(1, 2, 4, 8, 16, 1, 2, 4, 8, 16, 1, 2)):
        super().__init__()
        self.C = C
        self.V = V
        self.dilations = list(dilations)
        self.front = Frontend()
        self.inp = nn.Conv1d(NMEL * STACK, C, 1)
        self.bn0 = nn.BatchNorm1d(C)
        self.blocks = nn.ModuleList([Block(C, d) for d in dilations])
        self.out = nn.Conv1d(C, V, 1)
        # added to the blank logit at inference (set by export.py calibration):
        # training up-weights token frames, which biases the posteriors towards tokens
        self.register_buffer("blank_bias", torch.zeros(V))
        # repeat suppression (set by export.py calibration; 0 = off): a token that was
        # emitted recently, and is not the token of the current run, gets its logit
        # lowered by rep_penalty * memory (memory decays by rep_decay per 30 ms frame).
        self.register_buffer("rep", torch.zeros(2))  # [penalty, decay]

    def state_dim(self):
        return CTX + sum(b.hist for b in self.blocks) * self.C

    def features(self, x):
        f = self.front(x)  # [B, T10, NMEL]
        B, T = f.shape[0], f.shape[1]
        return f.reshape(B, T // STACK, NMEL * STACK).transpose(1, 2)  # [B, 120, T30]

    def forward(self, wav, spec_aug=None, calibrated=False):
        """Whole utterances. wav [B, N] float, N multiple of 240 -> log-probs [B, N/240, V]"""
        x = F.pad(wav, (CTX, 0))
        f = self.features(x)
        if spec_aug is not None:
            f = spec_aug(f)
        h = F.relu(self.bn0(self.inp(f)))
        for b in self.blocks:
            h, _ = b(h)
        z = self.out(h).transpose(1, 2)
        if calibrated:
            z = z + self.blank_bias
            if float(self.rep[0]) > 0:
                B, T, V = z.shape
                mem = torch.zeros(B, V)
                prev = torch.zeros(B, V)
                prev[:, 0] = 1
                outs = []
                for t in range(T):
                    zt, mem, prev = self.suppress(z[:, t], mem, prev)
                    outs.append(zt)
                z = torch.stack(outs, 1)
        return F.log_softmax(z, dim=-1)

    def suppress(self, zt, mem, prev):
        """one frame of repeat suppression: returns (adjusted logits, memory, one-hot of argmax)"""
        V = zt.shape[-1]
        zt = zt - self.rep[0] * mem * (1 - prev)
        onehot = (torch.arange(V).unsqueeze(0) == zt.argmax(-1, keepdim=True)).float()
        keep = torch.ones(V)
        keep[0] = 0
        keep[1] = 0
        mem = torch.maximum(mem * self.rep[1], onehot * keep)
        return zt, mem, onehot


class Streaming(nn.Module):
    """ONNX export wrapper in the toneCtc interface.
    state = [120 audio samples | each block's conv history | repeat memory (V) | last argmax one-hot (V)]"""

    def __init__(self, m):
        super().__init__()
        self.m = m

    def state_dim(self):
        return self.m.state_dim() + 2 * self.m.V

    def forward(self, audio, state):
        m = self.m
        B = audio.shape[0]
        V = m.V
        a = audio.reshape(B, CHUNK).float() / 32768.0
        s = state.float()
        x = torch.cat([s[:, :CTX], a], 1)
        news = [x[:, CHUNK:]]
        h = F.relu(m.bn0(m.inp(m.features(x))))
        off = CTX
        for b in m.blocks:
            n = b.hist * m.C
            hs = s[:, off:off + n].reshape(B, m.C, b.hist)
            off += n
            h, nh = b(h, hs)
            news.append(nh.reshape(B, n))
        z = m.out(h).transpose(1, 2) + m.blank_bias  # [B, 10, V]
        mem = s[:, off:off + V]
        prev = s[:, off + V:off + 2 * V]
        outs = []
        for t in range(CHUNK // (HOP * STACK)):
            zt, mem, prev = m.suppress(z[:, t], mem, prev)
            outs.append(zt.unsqueeze(1))
        logp = F.log_softmax(torch.cat(outs, 1), dim=-1)
        news += [mem, prev]
        return logp, torch.cat(news, 1).half()
