"""Side-by-side state-vector benchmark: Qonduit against qiskit-aer, qulacs, qibojit, a NumPy baseline and
Strange, on the same circuits, two threads each, in alternating rounds (the peer order rotates every
round). Reports medians of per-round ratios, so a noisy shared machine moves both sides alike. Never
asserts a time. Usage: compare.py --quick|--full JAVA_CMD...
"""
import ctypes
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ["OMP_NUM_THREADS"] = "2"
os.environ["NUMBA_NUM_THREADS"] = "2"
# The peers share this process; OpenMP threads that spin after a parallel region would steal the cores
# from whichever engine runs next, so idle threads sleep.
os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
os.environ["QIBO_LOG_LEVEL"] = "3"  # warnings only: qibo logs its backend at every circuit otherwise


def keep_freed_memory():
    """The Python peers reuse memory this process already holds, as our server reuses its pre-touched heap.
    glibc returns a freed block above its (moving) mmap threshold to the kernel, and trims the heap's top, so
    a peer's next state page-faults on every page, or not, depending on what ran before: qulacs's empty
    20-qubit circuit took 3 or 17 ms so, more than its gate layers, and its per-gate times came out negative.
    Hence no mmap for large blocks and no trimming (the threshold is a size_t: -1 is its largest value)."""
    libc = ctypes.CDLL("libc.so.6")
    m_trim_threshold, m_mmap_max = -1, -4  # glibc's malloc.h
    if not (libc.mallopt(m_mmap_max, 0) and libc.mallopt(m_trim_threshold, -1)):
        raise RuntimeError("mallopt refused the settings")


keep_freed_memory()

import circuits  # noqa: E402
import peers  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "target"

MODES = {
    # A few minutes on a busy 2-core machine: 20 qubits only; Strange on the sampling only (10-20 s a run,
    # where its circuits need minutes).
    "quick": dict(gate_sizes=[20], circuits=[("qft", 20), ("random", 20)],
                  rounds=3, numpy_max_circuit=20, strange=[("sample", 20)], strange_timeout=60),
    "full": dict(gate_sizes=[20, 24, 26],
                 circuits=[("qft", 20), ("random", 20), ("ghz", 24), ("qft", 24), ("random", 24),
                           ("qft", 26), ("random", 26)],
                 rounds=5, numpy_max_circuit=20,
                 strange=[("qft", 20), ("random", 20), ("sample", 20)],
                 # Strange needs minutes at 20 qubits; 300 s shows whether it is 500x slower than a half-second run.
                 strange_timeout=300),
}
GATES = ["h", "rz", "cx", "cp", "swap", "u2q"]
# The warm-up round runs only these sizes, and no Strange: the engines compile the same code at every
# size, while a 26-qubit round or a Strange circuit costs minutes and would be thrown away.
WARM_UP_MAX_QUBITS = 20
# Runs of each circuit in the warm-up round, ours only: a circuit runs once a round, and our sampling took
# 64, 30, 17, 14 ms in its first four runs in one server (the JIT compiling it), so round 1 measured a
# half-compiled run. The Python peers run compiled code from the first call (qibojit's numba compiles its
# kernels once, in the warm-up's one run).
WARM_UP_RUNS_OURS = 5
SHOTS = 10_000
# The gate-class benchmarks subtract the empty circuit's time (allocating the state, the preparation,
# returning its probabilities) from that of the preparation and 8 gates; one run of each left that noise
# larger than the gates' cost (negative per-gate times even at 20 qubits). So each engine runs both this
# many times in a row in every round and keeps the fastest (noise only ever adds time), and the empty
# circuit's least time over all rounds is what is subtracted (per_gate). Fewer repeats at the widths
# costing seconds.
REPEATS_PER_WIDTH = {20: 10, 24: 6, 26: 3}
# The bandwidth figure: H on one high qubit of a 26-qubit state (1 GiB, the probe's size), timed inside our engine
# as the fastest of PASSES passes (GatePass), between two runs of the probe; PAIRS_PER_ROUND such triples a round,
# each on the next of circuits.high_targets. Timed through a circuit, the state's allocation and preparation
# (0.57 s) made noise as large as the passes.
BANDWIDTH_QUBITS = 26
PASSES = 5
PAIRS_PER_ROUND = 3
BUILDERS = {"qft": circuits.qft, "ghz": circuits.ghz, "random": circuits.random_layers}


def benchmarks(mode):
    """(key, n, ops, shots) in run order; gate classes come with an empty circuit of the same width,
    whose time is subtracted to get the cost per gate."""
    out = []
    for n in mode["gate_sizes"]:
        out.append((f"empty-{n}", n, circuits.preparation(n), 0))
        out += [(f"{g}-{n}", n, circuits.gate_layer(g, n), 0) for g in gate_classes(n)]
    out += [(f"{c}-{n}", n, BUILDERS[c](n), 0) for c, n in mode["circuits"]]
    out.append(("sample-20", 20, circuits.uniform(20), SHOTS))
    return out


def python_peers(key, n, ops, shots, mode):
    made = []
    for cls in (peers.Aer, peers.Qulacs, peers.Qibojit, peers.NumpyBaseline):
        is_circuit = key.split("-")[0] in BUILDERS
        if cls is peers.NumpyBaseline and is_circuit and n > mode["numpy_max_circuit"]:
            continue
        try:
            made.append(cls(n, ops))
        except Exception as e:  # a peer that cannot build this circuit is reported, not fatal
            print(f"  {cls.name}: cannot build {key}: {e}", file=sys.stderr)
    return made


def bandwidth_gbs():
    """Two-thread in-place scale over 1 GiB (the size of a 26-qubit state), fastest of 5 passes: read + write
    bytes per second."""
    exe = OUT / "bandwidth"
    out = subprocess.run([str(exe)], capture_output=True, text=True, check=True,
                         env={**os.environ, "OMP_NUM_THREADS": "2"}).stdout
    return float(out.split()[0])


def gate_pass_pairs(ours, first):
    """PAIRS_PER_ROUND (our GB/s, probe before, probe after): our engine's fastest H pass, the probe either side
    of it, so the machine's bandwidth (here it moved 50-88 GB/s within a minute) is taken when ours is."""
    targets = circuits.high_targets(BANDWIDTH_QUBITS)
    out = []
    for i in range(first, first + PAIRS_PER_ROUND):
        before = bandwidth_gbs()
        seconds = ours.gate_pass(BANDWIDTH_QUBITS, targets[i % len(targets)], PASSES)
        after = bandwidth_gbs()
        out.append((2 * 16 * 2 ** BANDWIDTH_QUBITS / seconds / 1e9, before, after))
    return out


def median_range(values):
    return statistics.median(values), min(values), max(values)


def main():
    mode_name = sys.argv[1].lstrip("-")
    mode = MODES[mode_name]
    # Fewer (or more) measured rounds than the mode's, e.g. the full mode's sizes in the time left.
    if os.environ.get("BENCH_ROUNDS"):
        mode = {**mode, "rounds": int(os.environ["BENCH_ROUNDS"])}
    java_cmd = sys.argv[2:]
    OUT.mkdir(exist_ok=True)
    cdir = OUT / "circuits"
    cdir.mkdir(exist_ok=True)
    # Our heap is committed and touched once at start (-Xms = -Xmx, AlwaysPreTouch, as JMH advises):
    # otherwise a run's first touch of each new heap page faults, which made a 2-ms empty 20-qubit run take
    # anywhere from 1.6 to 15 ms here. Not Strange's: its runs take minutes.
    ours = peers.JvmServer("qonduit", [java_cmd[0], "-Xmx3g", "-Xms3g", "-XX:+AlwaysPreTouch", *java_cmd[1:]], "qonduit")
    # Strange keeps every amplitude as an object: with 3 GiB its GC gave up on QFT-20 within the limit.
    strange = peers.JvmServer("strange", [java_cmd[0], "-Xmx8g", *java_cmd[1:]], "strange")
    strange_keys = {f"{c}-{n}" for c, n in mode["strange"]}
    benches = []
    for key, n, ops, shots in benchmarks(mode):
        qasm = cdir / f"{key}.qasm"
        qasm.write_text(circuits.to_qasm(n, ops, measure=shots > 0))
        (cdir / f"{key}.ops").write_text(circuits.to_op_lines(n, ops))
        benches.append(dict(key=key, n=n, ops=ops, shots=shots, qasm=qasm, peers=python_peers(key, n, ops, shots, mode)))
    times = {}  # key -> peer -> [seconds per measured round]
    dnf = {}
    pairs = []  # (our GB/s, probe before, probe after) of every measured round
    started = time.time()
    for rnd in range(mode["rounds"] + 1):  # round 0 warms up every engine (JIT, numba) and is not kept
        round_pairs = gate_pass_pairs(ours, rnd * PAIRS_PER_ROUND)
        if rnd > 0:
            pairs += round_pairs
        for b in benches:
            if rnd == 0 and b["n"] > WARM_UP_MAX_QUBITS:
                continue
            repeats = REPEATS_PER_WIDTH.get(b["n"], 1) if is_gate_class(b["key"]) else 1
            ours_repeats = max(repeats, WARM_UP_RUNS_OURS) if rnd == 0 else repeats
            runners = [("qonduit", lambda b=b, k=ours_repeats: fastest(lambda: ours.run_file(b["qasm"], b["shots"], 600), k))]
            runners += [(p.name, lambda p=p, b=b, k=repeats: fastest(lambda: p.run(b["shots"]), k)) for p in b["peers"]]
            if rnd > 0 and b["key"] in strange_keys and b["key"] not in dnf:
                runners.append(("strange", lambda b=b: strange.run_file(b["qasm"].with_suffix(".ops"), b["shots"],
                                                                      mode["strange_timeout"])))
            shift = rnd % len(runners)
            for name, run in runners[shift:] + runners[:shift]:
                try:
                    t = run()
                except peers.ServerEnded as e:
                    if name != "strange":
                        raise
                    # A crash is no result, not a time: reported as such, with no ratio.
                    dnf[b["key"]] = (f"ended after {e.seconds:.0f} s without a result ({e.reason})", None)
                    continue
                if t is None:
                    dnf[b["key"]] = (f"did not finish in {mode['strange_timeout']} s", mode["strange_timeout"])
                    continue
                if rnd > 0:
                    times.setdefault(b["key"], {}).setdefault(name, []).append(t)
        print(f"round {rnd} done after {time.time() - started:.0f} s", file=sys.stderr)
        if 0 < rnd < mode["rounds"]:
            # A long run stopped early still leaves the rounds it finished, in target/.
            report(mode_name, mode, benches, times, dnf, pairs, rounds_done=rnd)
    ours.stop()
    strange.stop()
    report(mode_name, mode, benches, times, dnf, pairs, rounds_done=mode["rounds"])


def gate_classes(n):
    return GATES + (["hhigh"] if n >= circuits.HIGH_GATES_FROM else [])


def is_gate_class(key):
    """A gate-class layer, or the empty circuit subtracted from it."""
    return key.split("-")[0] in GATES + ["hhigh", "empty"]


def fastest(run, repeats):
    """The shortest of [repeats] runs (None if one did not finish)."""
    best = None
    for _ in range(repeats):
        t = run()
        if t is None:
            return None
        best = t if best is None else min(best, t)
    return best


def per_gate(times, key, peer):
    """Seconds per gate in each round: (the gate layer's fastest run - the empty circuit's fastest run in
    any round) / gates. The empty circuit's cost is fixed, so its least time is the best estimate of it:
    pairing rounds carried one round's slow allocation (13 ms against 2) into a negative time per gate."""
    n = key.split("-")[1]
    empty = min(times[f"empty-{n}"][peer])
    return [(t - empty) / circuits.GATES_PER_BENCH for t in times[key][peer]]


def report(mode_name, mode, benches, times, dnf, pairs, rounds_done):
    """The table of every measured round so far: printed and written to target/results-MODE.md once
    all rounds are done; after each earlier round written only, to target/results-MODE-partial.md."""
    final = rounds_done == mode["rounds"]
    lines = []
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    probes = [p for _, before, after in pairs for p in (before, after)]
    done = f"{rounds_done} measured rounds" if final else f"{rounds_done} of {mode['rounds']} measured rounds so far"
    lines.append(f"mode {mode_name}, {stamp}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end, "
                 f"{done} after one warm-up, Python {platform.python_version()}")
    lines.append(f"two-thread in-place bandwidth (C scale kernel, 1 GiB, fastest of 5 passes): median "
                 f"{statistics.median(probes):.1f} GB/s (min {min(probes):.1f}, max {max(probes):.1f}) in {len(probes)} runs")
    lines.append("")
    lines.append("| benchmark | qonduit (median) | peer | peer (median) | peer / qonduit: median (min–max) |")
    lines.append("|---|---|---|---|---|")
    results = {}
    for b in benches:
        key = b["key"]
        if key.startswith("empty"):
            continue
        is_gate = is_gate_class(key)
        series = {p: (per_gate(times, key, p) if is_gate else v) for p, v in times.get(key, {}).items()}
        unit = "ms/gate" if is_gate else "ms"
        ours = series["qonduit"]
        results[key] = series
        peer_names = [p for p in series if p != "qonduit"]
        if key in dnf:
            peer_names.append("strange")
        for p in peer_names:
            if p == "strange" and key in dnf:
                text, bound = dnf[key]
                ratio = f"> {bound / statistics.median(ours):.0f}×" if bound else "—"
                lines.append(f"| {key} | {statistics.median(ours) * 1e3:.2f} {unit} | strange | {text} | {ratio} |")
                continue
            ratios = [t / o for t, o in zip(series[p], ours)]
            med, lo, hi = median_range(ratios)
            lines.append(f"| {key} | {statistics.median(ours) * 1e3:.2f} {unit} | {p} | "
                         f"{statistics.median(series[p]) * 1e3:.2f} {unit} | {med:.2f}× ({lo:.2f}–{hi:.2f}) |")
    gbs = [g for g, _, _ in pairs]
    shares = [g / ((before + after) / 2) * 100 for g, before, after in pairs]
    med, lo, hi = median_range(shares)
    lines.append(f"| H pass at {BANDWIDTH_QUBITS} qubits, in engine (fastest of {PASSES}) | {statistics.median(gbs):.1f} GB/s | "
                 f"machine: the probe either side | {statistics.median(probes):.1f} GB/s | "
                 f"{med:.0f} % ({lo:.0f}–{hi:.0f}) of bandwidth, {len(pairs)} pairs |")
    text = "\n".join(lines)
    name = f"results-{mode_name}" if final else f"results-{mode_name}-partial"
    if final:
        print(text)
    else:
        print(f"round {rounds_done} table in {OUT / (name + '.md')}", file=sys.stderr)
    (OUT / f"{name}.md").write_text(text + "\n")
    (OUT / f"{name}.json").write_text(json.dumps(dict(times=times, dnf=dnf, gate_pass_gbs_probe_before_after=pairs), indent=1))


if __name__ == "__main__":
    main()
