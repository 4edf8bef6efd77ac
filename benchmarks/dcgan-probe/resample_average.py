#!/usr/bin/env python3
"""Draws 10,000 samples from the moving average of an --arch infogan probe.py state file, with
the live G's batch-norm statistics (what averaging the weights alone gives):

  /usr/bin/python3 benchmarks/dcgan-probe/resample_average.py /tmp/E/state-4000.pt /tmp/E/emalive-4000.idx
"""
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import torch

from peer_dcgan_quality import networks, write_idx  # noqa: E402  (benchmarks/)

torch.set_num_threads(1)
g, _ = networks("infogan")
st = torch.load(sys.argv[1]); g.load_state_dict(st["ge"]); g.eval()
gen = torch.Generator().manual_seed(12345)
with torch.no_grad():
    imgs = torch.cat([g(torch.randn(1000, 100, generator=gen)) for _ in range(10)])
write_idx(sys.argv[2], ((imgs + 1) / 2).view(-1, 28, 28))
