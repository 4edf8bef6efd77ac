#!/usr/bin/env python3
"""Times gan4j's `gan bench` against the PyTorch peer in one session and prints the README table.

    python3 benchmarks/compare.py [--rounds 3] [--workloads seed,mlp,dcgan] [--peer ../shared/peers/torch_gan.py]
                                  [--out FILE]

Each round runs, for each workload (seed and mlp by default; dcgan too with --workloads), the
peer with one thread, then every gan4j configuration (dcgan: the ejml and nd4j defaults), back to back, so that all of them see the same machine load; the table gives the
median over the rounds of each one's seconds per iteration and its ratio to PyTorch. Every raw
JSON line is kept in --out (default benchmarks/target/compare.jsonl).

Needs: python3 with torch (Debian: apt-get install python3-torch, run with /usr/bin/python3),
the built launcher (mvn -q -B package -DskipTests), and for the native GEMM path libopenblas0.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# (label, gan bench arguments, extra environment); the peer runs with --threads 1, its fastest here
CONFIGS = [
    ("gan4j ejml, OpenBLAS through JNI (the default)", ["--backend", "ejml"], {}),
    ("gan4j nd4j", ["--backend", "nd4j", "--repeats", "1"], {}),
    ("gan4j ejml, pure Java: Vector API kernel", ["--backend", "ejml", "-o", "gemm=vector", "--repeats", "1"],
     {"GAN4J_JAVA_OPTS": "--add-modules=jdk.incubator.vector"}),
    ("gan4j ejml, pure Java: netlib Java11BLAS", ["--backend", "ejml", "-o", "gemm=java", "--repeats", "1"], {}),
]
# dcgan runs only the two backends' default kernels: the pure-Java GEMMs would take minutes per
# round on its convolutions and say nothing the mlp rows do not
WORKLOAD_CONFIGS = {"dcgan": CONFIGS[:2]}
PEER_ITERATIONS = {"seed": 30, "mlp": 200, "dcgan": 20}
# gan4j's untimed warm-up per workload: the JVM compiles its hot loops during the first tens of
# iterations (PyTorch, interpreted over compiled kernels, needs the peer's 3); seed's default of 10
# still catches the JIT at work (repeats spread 13.8-23 ms), 60 does not. Both sides are then timed
# at steady state, which is what a 1,500-iteration training run spends its time in.
# dcgan's 30 are as many seconds of steady state as mlp's 50: its iterations are ~20x longer.
GAN4J_WARMUP = {"seed": 60, "mlp": 50, "dcgan": 30}


def run(cmd, env=None):
    full_env = dict(os.environ)
    full_env.setdefault("OPENBLAS_NUM_THREADS", "1")
    full_env.update(env or {})
    out = subprocess.run(cmd, capture_output=True, text=True, env=full_env, cwd=ROOT)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--peer", default=os.path.join(ROOT, "..", "shared", "peers", "torch_gan.py"))
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--workloads", default="seed,mlp")
    ap.add_argument("--out", default=os.path.join(HERE, "target", "compare.jsonl"))
    args = ap.parse_args()
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    workloads = args.workloads.split(",")
    times = {}
    cpu = None
    with open(args.out, "w") as log:
        for r in range(args.rounds):
            for w in workloads:
                peer = run([args.python, args.peer, w, "--iterations", str(PEER_ITERATIONS[w]), "--threads", "1"])
                log.write(json.dumps(peer) + "\n")
                times.setdefault((w, "PyTorch " + peer["version"] + ", 1 thread"), []).append(
                    peer["seconds_per_iteration"])
                for label, extra, env in WORKLOAD_CONFIGS.get(w, CONFIGS):
                    res = run([os.path.join(ROOT, "gan"), "bench", w, "--warmup", str(GAN4J_WARMUP[w])] + extra, env)
                    log.write(json.dumps(res) + "\n")
                    times.setdefault((w, label), []).append(res["seconds_per_iteration"])
                    cpu = cpu or res.get("cpu")
                log.flush()
                print(f"round {r + 1}/{args.rounds} {w} done", file=sys.stderr)
    # ratios differ between CPU classes (AVX-512 vs AVX2), so the table names its CPU
    if cpu:
        print(f"CPU: {cpu['model']} ({cpu['vectorClass']}), {os.cpu_count()} cores")
    print("| workload | implementation | ms / iteration (median of %d) | ratio to PyTorch |" % args.rounds)
    print("|---|---|---|---|")
    for w in workloads:
        rows = [(label, statistics.median(v)) for (wl, label), v in times.items() if wl == w]
        peer = next(t for label, t in rows if label.startswith("PyTorch"))
        for label, t in rows:
            print(f"| {w} | {label} | {t * 1000:.1f} | {t / peer:.2f}× |")


if __name__ == "__main__":
    main()
