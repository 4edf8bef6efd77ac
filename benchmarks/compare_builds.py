#!/usr/bin/env python3
"""Times two gan4j builds against the PyTorch peer, alternated round by round on one machine.

    python3 benchmarks/compare_builds.py --old ../gan4j-old --new . [--rounds 3] [--workloads seed,mlp]

--old and --new are checkouts whose launcher (./gan) and fat jar are built
(mvn -q -B package -DskipTests in each). Each round runs, per workload, the peer with one thread,
then the old build's `gan bench`, then the new one's, so that all three see the same load; the
summary gives each one's median time per iteration and the median of the per-round ratios to
PyTorch, the figure to compare (see docs/performance.md).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEER_ITERATIONS = {"seed": 30, "mlp": 200}
GAN4J_WARMUP = {"seed": 60, "mlp": 50}  # as compare.py: both sides timed at steady state


def run(cmd, env=None):
    full_env = dict(os.environ)
    full_env.update(env or {})
    out = subprocess.run(cmd, capture_output=True, text=True, env=full_env)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", default=ROOT)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workloads", default="seed,mlp")
    ap.add_argument("--peer", default=os.path.join(ROOT, "..", "shared", "peers", "torch_gan.py"))
    ap.add_argument("--python", default="/usr/bin/python3")
    args = ap.parse_args()
    times = {}
    cpu = None
    for r in range(args.rounds):
        for w in args.workloads.split(","):
            # the peer's own BLAS gets one thread, as it is fastest here; gan4j sets its own
            peer = run([args.python, args.peer, w, "--iterations", str(PEER_ITERATIONS[w]), "--threads", "1"],
                       {"OPENBLAS_NUM_THREADS": "1"})
            times.setdefault((w, "torch"), []).append(peer["seconds_per_iteration"])
            for name, root in (("old", args.old), ("new", args.new)):
                res = run([os.path.join(root, "gan"), "bench", w, "--warmup", str(GAN4J_WARMUP[w])])
                times.setdefault((w, name), []).append(res["seconds_per_iteration"])
                cpu = cpu or res.get("cpu")
            t = {k: times[(w, k)][-1] for k in ("torch", "old", "new")}
            print(f"round {r + 1} {w}: PyTorch {t['torch'] * 1e3:.1f} ms, old {t['old'] * 1e3:.1f} "
                  f"({t['old'] / t['torch']:.3f}x), new {t['new'] * 1e3:.1f} ({t['new'] / t['torch']:.3f}x)",
                  file=sys.stderr, flush=True)
    if cpu:
        print(f"CPU: {cpu['model']} ({cpu['vectorClass']}), {os.cpu_count()} cores")
    print("| workload | PyTorch | old | ratio | new | ratio |")
    print("|---|---|---|---|---|---|")
    for w in args.workloads.split(","):
        peer = times[(w, "torch")]
        ratio = {k: statistics.median(a / b for a, b in zip(times[(w, k)], peer)) for k in ("old", "new")}
        print(f"| {w} | {statistics.median(peer) * 1e3:.1f} ms | {statistics.median(times[(w, 'old')]) * 1e3:.1f} ms "
              f"| {ratio['old']:.3f}x | {statistics.median(times[(w, 'new')]) * 1e3:.1f} ms | {ratio['new']:.3f}x |")


if __name__ == "__main__":
    main()
