#!/usr/bin/env python3
"""Draws 10,000 samples from the moving average of an --arch infogan probe.py state file, with
the live G's batch-norm statistics (what averaging the weights alone gives):

  /usr/bin/python3 benchmarks/dcgan-probe/resample_average.py /tmp/E/state-4000.pt /tmp/E/emalive-4000.idx
"""
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from peer_dcgan_quality import load_idx, write_idx  # noqa: E402  (benchmarks/)
import sys, torch, torch.nn as nn, struct
torch.set_num_threads(1)
g = nn.Sequential(nn.Linear(100, 1024), nn.BatchNorm1d(1024), nn.ReLU(), nn.Linear(1024, 128*7*7), nn.BatchNorm1d(128*7*7), nn.ReLU(),
    nn.Unflatten(1, (128, 7, 7)), nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.BatchNorm2d(64), nn.ReLU(), nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
st = torch.load(sys.argv[1]); g.load_state_dict(st["ge"]); g.eval()
gen = torch.Generator().manual_seed(12345)
with torch.no_grad():
    imgs = torch.cat([g(torch.randn(1000, 100, generator=gen)) for _ in range(10)])
write_idx(sys.argv[2], ((imgs + 1) / 2).view(-1, 28, 28))
