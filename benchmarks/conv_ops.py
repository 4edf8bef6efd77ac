#!/usr/bin/env python3
"""Times PyTorch's convolution and batch-norm building blocks at the DCGAN shapes, one thread.

    OMP_NUM_THREADS=1 /usr/bin/python3 benchmarks/conv_ops.py [--repeats 100] [--rounds 5] [--pairs 2]
        [--gemm native] [--gemm vector] ...

With the benchmarks jar built (mvn -q -B -o -Pbenchmarks -DskipTests package -pl benchmarks -am),
it also runs dev.gan4j.benchmarks.ConvOpsTiming for each --gemm (default: the backend's own
choice), alternating with PyTorch --pairs times so that both see the same machine load, and
prints a table: op, PyTorch ms, ejml ms, ratio (ejml / PyTorch).

The ops and shapes are those of dev.gan4j.benchmarks.ConvOpsBenchmark (same names), so the two
tables can be put side by side: the convolution ops of the DCGAN's discriminator convolutions
(conv 1->64 4x4/2/1 on 28x28, conv 64->128 4x4/2/1 on 14x14) and of the generator's transposed
convolutions, whose forward is the backward-input of those same geometries, plus the per-channel
statistics batch norm needs. Prints, per op, the median over the rounds of the mean milliseconds
per call in CPU time of the calling thread (each round: --repeats calls after a warm-up).
"""
import argparse
import os
import statistics
import subprocess
import time

import torch
import torch.nn.functional as F

N = 64
# name: (input C, H, W), (K, C, kh, kw), stride, padding
GEOMETRIES = {
    "c1": ((1, 28, 28), (64, 1, 4, 4), 2, 1),
    "c2": ((64, 14, 14), (128, 64, 4, 4), 2, 1),
}


def conv_ops():
    ops = {}
    for name, ((c, h, w), wshape, s, p) in GEOMETRIES.items():
        x = torch.randn(N, c, h, w)
        weight = torch.randn(*wshape)
        y = F.conv2d(x, weight, stride=s, padding=p)
        dy = torch.randn_like(y)
        ops[f"conv2d {name}"] = lambda x=x, weight=weight, s=s, p=p: F.conv2d(x, weight, stride=s, padding=p)
        # the transposed convolution's forward: the same arithmetic as conv2d's input gradient
        ops[f"backwardInput {name}"] = (
            lambda dy=dy, weight=weight, s=s, p=p: F.conv_transpose2d(dy, weight, stride=s, padding=p))
        ops[f"backwardWeight {name}"] = (
            lambda x=x, dy=dy, weight=weight, s=s, p=p: torch.ops.aten.convolution_backward(
                dy, x, weight, None, [s, s], [p, p], [1, 1], False, [0, 0], 1, [False, False, True]))
    for shape in ((N, 128, 7, 7), (N, 64, 14, 14)):
        a = torch.randn(*shape)
        v = torch.randn(shape[1]).view(1, -1, 1, 1)
        tag = "x".join(map(str, shape))
        ops[f"channelMeanVariance {tag}"] = lambda a=a: torch.var_mean(a, dim=(0, 2, 3), unbiased=False)
        ops[f"mulChannels {tag}"] = lambda a=a, v=v: torch.mul(a, v)
        ops[f"addChannels {tag}"] = lambda a=a, v=v: torch.add(a, v)
        ops[f"sumChannels {tag}"] = lambda a=a: a.sum(dim=(0, 2, 3))
    return ops


def time_ms(fn, repeats):
    for _ in range(max(5, repeats // 10)):
        fn()
    # CPU time of this thread (torch runs on it with one thread): less disturbed by other
    # processes on a shared machine than wall time, and what the Java harness measures too
    start = time.thread_time()
    for _ in range(repeats):
        fn()
    return (time.thread_time() - start) * 1000 / repeats


def torch_round(ops, repeats, results):
    for name, fn in ops.items():
        results.setdefault(name, []).append(time_ms(fn, repeats))


def java_round(jar, gemm, repeats, rounds, results):
    """Runs ConvOpsTiming once; its per-op medians join results[name]."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    cmd = ["java", "--add-modules=jdk.incubator.vector", "-cp", jar, "dev.gan4j.benchmarks.ConvOpsTiming",
           gemm, str(repeats), str(rounds)]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    header = ""
    for line in out.splitlines():
        if line.startswith("#"):
            header = line
            continue
        name, ms, _ = line.rsplit(None, 2)
        results.setdefault(name.strip(), []).append(float(ms))
    return header


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pairs", type=int, default=2, help="PyTorch then gan4j, this many times")
    parser.add_argument("--gemm", action="append", help="ejml gemm option(s); default: auto")
    parser.add_argument("--jar", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "target",
                                                     "benchmarks.jar"))
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    gemms = args.gemm or ["auto"]
    java = os.path.exists(args.jar)
    torch_results = {}
    java_results = {g: {} for g in gemms}
    headers = {}
    with torch.no_grad():
        ops = conv_ops()
        for _ in range(args.pairs if java else 1):
            for _ in range(args.rounds):
                torch_round(ops, args.repeats, torch_results)
            if java:
                for g in gemms:
                    headers[g] = java_round(args.jar, g, args.repeats, args.rounds, java_results[g])
    print(f"# torch {torch.__version__}, {torch.get_num_threads()} thread; ms per call, CPU time of the "
          f"calling thread, median of {args.rounds} rounds of {args.repeats} calls"
          + (f" (and of the {args.pairs} runs' medians for gan4j)" if java else ""))
    for g in gemms if java else []:
        print(headers[g])
    columns = "".join(f" | {'ejml ' + g:>12s} | ratio" for g in (gemms if java else []))
    print(f"{'op':36s} | {'PyTorch':>8s}{columns}")
    for name, times in torch_results.items():
        t = statistics.median(times)
        row = f"{name:36s} | {t:8.3f}"
        for g in gemms if java else []:
            j = statistics.median(java_results[g][name])
            row += f" | {j:12.3f} | {j / t:5.2f}"
        print(row)


if __name__ == "__main__":
    main()
