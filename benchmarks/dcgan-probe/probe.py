#!/usr/bin/env python3
"""Probe for issue 16's dcgan recipe (PyTorch, 1 thread): trains the peer's DCGAN networks
(--arch peer, gan4j's dcgan-peer.json) or InfoGAN's (--arch infogan, gan4j's dcgan.json) on the
MNIST test split with a chosen recipe, and at the iterations of --at / --every writes 10,000
samples of G's last iterate (last-IT.idx) and of a beta --ema moving average of G whose batch-norm
statistics are recomputed for the averaged weights (emare-IT.idx, as SWA's update_bn does), plus
the state of both (state-IT.pt; resample_average.py draws the average with the live G's
statistics from it). Score the files with `gan evaluate FILE`. Not a benchmark: the recomputation
draws its noise from the training stream, so a run with other --at points differs after the
first of them.

The runs of docs/experiments.md (stopped after 4,000 and 16,000 iterations respectively):

  OMP_NUM_THREADS=1 /usr/bin/python3 benchmarks/dcgan-probe/probe.py --idx MNIST/t10k-images-idx3-ubyte.gz \
      --arch infogan --its 10000 --at 1 --every 2000 --out /tmp/E
  OMP_NUM_THREADS=1 /usr/bin/python3 benchmarks/dcgan-probe/probe.py --idx MNIST/t10k-images-idx3-ubyte.gz \
      --arch peer --real 0.9 --its 32000 --at 1 --every 4000 --out /tmp/C
"""
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import argparse
import copy
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from peer_dcgan_quality import dcgan_init, load_idx, networks, write_idx  # noqa: E402  (benchmarks/)

ap = argparse.ArgumentParser()
ap.add_argument("--idx", required=True, help="MNIST images file (IDX, optionally .gz)")
ap.add_argument("--its", type=int, default=8000)
ap.add_argument("--at", default="4000")
ap.add_argument("--glr", type=float, default=1e-3); ap.add_argument("--dlr", type=float, default=2e-4)
ap.add_argument("--gb1", type=float, default=0.5); ap.add_argument("--db1", type=float, default=0.0)
ap.add_argument("--real", type=float, default=1.0)
ap.add_argument("--ema", type=float, default=0.999)
ap.add_argument("--every", type=int, default=0)
ap.add_argument("--arch", choices=["peer", "infogan"], default="peer")
ap.add_argument("--out", required=True); ap.add_argument("--seed", type=int, default=1)
a = ap.parse_args()
torch.manual_seed(a.seed); torch.set_num_threads(1)
os.makedirs(a.out, exist_ok=True)
real = (load_idx(a.idx) * 2 - 1).view(-1, 1, 28, 28)
g, d = networks(a.arch)
dcgan_init(g, d)
ge = copy.deepcopy(g)
og = torch.optim.Adam(g.parameters(), lr=a.glr, betas=(a.gb1, 0.999))
od = torch.optim.Adam(d.parameters(), lr=a.dlr, betas=(a.db1, 0.999))
B = 64
def dloss(r, f):
    return F.binary_cross_entropy_with_logits(r, torch.full_like(r, a.real)) + F.binary_cross_entropy_with_logits(f, torch.zeros_like(f))
def gloss(f):
    return F.binary_cross_entropy_with_logits(f, torch.ones_like(f))

def sample(net, path, mode):
    n = copy.deepcopy(net)
    if mode == "recompute":
        for m in n.modules():
            if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)): m.reset_running_stats(); m.momentum = None
        n.train()
        with torch.no_grad():
            for _ in range(50): n(torch.randn(256, 100))
        n.eval()
    else: n.eval()
    gen = torch.Generator().manual_seed(12345)
    with torch.no_grad():
        imgs = torch.cat([n(torch.randn(1000, 100, generator=gen)) for _ in range(10)])
    write_idx(path, ((imgs + 1) / 2).view(-1, 28, 28))

at = set(int(x) for x in a.at.split(","))
if a.every: at |= set(range(a.every, a.its + 1, a.every))
start = time.perf_counter()
for it in range(1, a.its + 1):
    x = real[torch.randint(0, real.shape[0], (B,))]
    fake = g(torch.randn(B, 100))
    od.zero_grad(set_to_none=True)
    dloss(d(x), d(fake.detach())).backward(); od.step()
    og.zero_grad(set_to_none=True)
    gloss(d(fake)).backward(); og.step()
    with torch.no_grad():
        for pe, p in zip(ge.parameters(), g.parameters()): pe.mul_(a.ema).add_(p, alpha=1 - a.ema)
        for be, b in zip(ge.buffers(), g.buffers()): be.copy_(b)
    if it in at:
        torch.save({"g": g.state_dict(), "ge": ge.state_dict()}, f"{a.out}/state-{it}.pt")
        for name, net, mode in [("last", g, "eval"), ("emare", ge, "recompute")]:
            sample(net, f"{a.out}/{name}-{it}.idx", mode)
        print(json.dumps({"it": it, "s": round(time.perf_counter() - start, 1)}), flush=True)
