#!/usr/bin/env python3
"""The PyTorch peer's DCGAN trained for a wall-clock budget, for a quality comparison.

The networks, loss, optimiser and batch are those of the `dcgan` workload in
../shared/peers/torch_gan.py (copied here because that file builds them inside
its timing loop; gan4j's dcgan-peer.json), or with --arch infogan those of
gan4j's dcgan.json (InfoGAN's: one more dense layer of 1,024 units in each). Training runs on the images of an MNIST IDX file for
--minutes of wall-clock time (or --iterations, whichever ends first), then --samples images are drawn and written as an
IDX file of unsigned bytes, which `gan evaluate` scores with the same judge as
gan4j's own samples. The recipe options (--glr, --dlr, --dbeta1, --real-label,
--dcgan-init) and --every (write samples every N iterations as OUT-ITERATION.idx)
let the same networks be trained as gan4j's recipe variants are, to see how far
they go with more iterations:

  OMP_NUM_THREADS=1 /usr/bin/python3 benchmarks/peer_dcgan_quality.py \
      --idx ../shared/datasets/mnist/t10k-images-idx3-ubyte.gz --minutes 20 \
      --out /tmp/peer-dcgan.idx
  ./gan evaluate /tmp/peer-dcgan.idx
"""
import argparse
import gzip
import json
import struct
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def load_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        assert magic == 2051, "not an IDX image file"
        data = torch.frombuffer(bytearray(f.read(n * rows * cols)), dtype=torch.uint8)
    return data.view(n, rows * cols).float() / 255.0


def write_idx(path, images):
    """images: [n, 28, 28] floats in [0, 1] -> IDX unsigned bytes."""
    n, rows, cols = images.shape
    data = (images.clamp(0, 1) * 255).round().to(torch.uint8).numpy().tobytes()
    with open(path, "wb") as f:
        f.write(struct.pack(">IIII", 2051, n, rows, cols))
        f.write(data)


def networks(arch):
    """G and D, built in that order (their default initialisation draws from the global stream).

    peer: the `dcgan` bench workload's networks (gan4j's dcgan-peer.json); infogan: dcgan.json's,
    InfoGAN's MNIST G and D (Chen et al. 2016), the peer's plus a 1024-unit dense layer in each."""
    if arch == "infogan":
        g = nn.Sequential(
            nn.Linear(100, 1024), nn.BatchNorm1d(1024), nn.ReLU(),
            nn.Linear(1024, 128 * 7 * 7), nn.BatchNorm1d(128 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (128, 7, 7)),
            nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
        d = nn.Sequential(
            nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(128 * 7 * 7, 1024), nn.BatchNorm1d(1024), nn.LeakyReLU(0.2),
            nn.Linear(1024, 1))
    else:
        g = nn.Sequential(
            nn.Linear(100, 128 * 7 * 7), nn.Unflatten(1, (128, 7, 7)), nn.BatchNorm2d(128), nn.ReLU(),
            nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
        d = nn.Sequential(
            nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(128 * 7 * 7, 1))
    return g, d


def dcgan_init(*nets):
    """The DCGAN paper's N(0, 0.02) weights and zero biases (gan4j's "init": "dcgan"), in module order."""
    for net in nets:
        for m in net.modules():
            if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
                nn.init.normal_(m.weight, 0, 0.02)
                nn.init.zeros_(m.bias)


def sample(g, count, out, iteration):
    """Writes count samples of g in eval mode (as gan4j samples), to out or out-ITERATION.idx.

    Samples during training draw from their own generator, so that --every leaves the
    training draws (and the final samples) as they are without it."""
    rng = None if iteration is None else torch.Generator().manual_seed(iteration)
    g.eval()
    with torch.no_grad():
        images = torch.cat([g(torch.randn(500, 100, generator=rng))
                            for _ in range((count + 499) // 500)])[:count]
    g.train()
    write_idx(out if iteration is None else f"{out}-{iteration}.idx", ((images + 1) / 2).view(-1, 28, 28))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--idx", required=True, help="MNIST images file (IDX, optionally .gz)")
    ap.add_argument("--minutes", type=float, default=20)
    ap.add_argument("--iterations", type=int, default=0,
                    help="stop after this many iterations instead (0: only the time budget)")
    ap.add_argument("--samples", type=int, default=10000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--glr", type=float, default=2e-4, help="G's Adam learning rate")
    ap.add_argument("--dlr", type=float, default=2e-4, help="D's Adam learning rate")
    ap.add_argument("--dbeta1", type=float, default=0.5, help="D's Adam beta1 (G's stays 0.5)")
    ap.add_argument("--real-label", type=float, default=1.0, help="D's target for real images (one-sided smoothing)")
    ap.add_argument("--dcgan-init", action="store_true", help="N(0, 0.02) weights and zero biases, as dcgan.json")
    ap.add_argument("--every", type=int, default=0, help="also write samples every N iterations")
    ap.add_argument("--arch", choices=["peer", "infogan"], default="peer",
                    help="peer: the dcgan bench workload's networks; infogan: dcgan.json's")
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    start = time.perf_counter()
    real = load_idx(args.idx)
    g, d = networks(args.arch)
    if args.dcgan_init:
        dcgan_init(g, d)
    opt_g = torch.optim.Adam(g.parameters(), lr=args.glr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=args.dlr, betas=(args.dbeta1, 0.999))
    real = (real * 2 - 1).view(-1, 1, 28, 28)
    batch = 64
    ones, zeros = torch.ones(batch, 1), torch.zeros(batch, 1)
    real_target = torch.full((batch, 1), args.real_label)
    budget = args.minutes * 60
    iterations = 0
    while time.perf_counter() - start < budget and (args.iterations == 0 or iterations < args.iterations):
        x = real[torch.randint(0, real.shape[0], (batch,))]
        fake = g(torch.randn(batch, 100))
        opt_d.zero_grad(set_to_none=True)
        (F.binary_cross_entropy_with_logits(d(x), real_target) +
         F.binary_cross_entropy_with_logits(d(fake.detach()), zeros)).backward()
        opt_d.step()
        opt_g.zero_grad(set_to_none=True)
        F.binary_cross_entropy_with_logits(d(fake), ones).backward()
        opt_g.step()
        iterations += 1
        if args.every and iterations % args.every == 0:
            sample(g, args.samples, args.out[:-4] if args.out.endswith(".idx") else args.out, iterations)
    trained = time.perf_counter() - start
    sample(g, args.samples, args.out, None)
    print(json.dumps({"peer": "pytorch", "version": torch.__version__, "workload": "dcgan",
                      "threads": args.threads, "iterations": iterations, "seconds": round(trained, 1),
                      "samples": args.samples, "out": args.out}))


if __name__ == "__main__":
    main()
