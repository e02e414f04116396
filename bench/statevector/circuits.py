"""The benchmark circuits, as plain op lists every peer translates from, so all run the same gates.

An op is (name, qubits, params). Qubit q is bit q of the basis index (little-endian, as Qonduit and
Qiskit number them). 'u2q' is a dense random 2-qubit unitary: eight u3 and three cx in the generic
(KAK) arrangement; peers with a dense 2-qubit gate apply its 4x4 matrix at once, Qonduit (which has none)
and Strange apply the eleven gates.
"""
import math
import random

import numpy as np

GATES_PER_BENCH = 8


def spread_targets(n, count=GATES_PER_BENCH):
    """Qubits from low to high, at least two apart so the pairs (t, t+1) are disjoint, every run length of
    a kernel exercised; qubit n-1 is left to the preparation."""
    return [j * (n - 2) // count for j in range(count)]


def high_targets(n, count=GATES_PER_BENCH):
    """The qubits just below n-1: at 24 and 26 qubits all at or above 14, where no layer fusion or cache
    blocking applies, so each gate is one pass over the state (as in compare.py's bandwidth figure)."""
    return list(range(n - 1 - count, n - 1))


# H on qubits >= 14 only, one pass each: from 24 qubits, where 8 such qubits exist.
HIGH_GATES_FROM = 24


def preparation(n):
    """H on qubit n-1, then a Toffoli from it and a qubit no gate layer of this width touches (so it changes no
    amplitude), before every gate layer and alone as the empty circuit whose time is subtracted. It makes the
    state span all n qubits before the layer: a simulator that skips the amplitudes a fresh |0...0> state has
    not reached yet (Qonduit does) must then do a gate's full work, as the peers do. A three-qubit gate is
    never fused, and it ends any fusion of the H, so no pass moves the preparation behind the layer or merges
    it into it."""
    used = set(spread_targets(n)) | {t + 1 for t in spread_targets(n)}
    if n >= HIGH_GATES_FROM:
        used |= set(high_targets(n))
    a, b = sorted(set(range(n - 1)) - used)[-2:][::-1]
    return [("h", (n - 1,), ()), ("ccx", (n - 1, a, b), ())]


def gate_layer(gate, n, seed=14):
    """The preparation, then GATES_PER_BENCH copies of one gate class on distinct qubits (pairs (t, t+1) for
    2-qubit gates); 'hhigh' is H on the high_targets."""
    if gate == "hhigh":
        return preparation(n) + [("h", (t,), ()) for t in high_targets(n)]
    rng = random.Random(seed)
    ops = preparation(n)
    for t in spread_targets(n):
        u = (t + 1) % n
        if gate == "h":
            ops.append(("h", (t,), ()))
        elif gate == "rz":
            ops.append(("rz", (t,), (rng.uniform(0, 2 * math.pi),)))
        elif gate == "cx":
            ops.append(("cx", (t, u), ()))
        elif gate == "cp":
            ops.append(("cu1", (t, u), (rng.uniform(0, 2 * math.pi),)))
        elif gate == "swap":
            ops.append(("swap", (t, u), ()))
        elif gate == "u2q":
            ops.append(("u2q", (t, u), tuple(rng.uniform(0, 2 * math.pi) for _ in range(24))))
        else:
            raise ValueError(f"unknown gate class {gate}")
    return ops


def qft(n):
    ops = []
    for j in reversed(range(n)):
        ops.append(("h", (j,), ()))
        for k in reversed(range(j)):
            ops.append(("cu1", (k, j), (math.pi / 2 ** (j - k),)))
    for i in range(n // 2):
        ops.append(("swap", (i, n - 1 - i), ()))
    return ops


def ghz(n):
    return [("h", (0,), ())] + [("cx", (i, i + 1), ()) for i in range(n - 1)]


def random_layers(n, depth=20, seed=14):
    """Each layer: a random u3 on every qubit, then cx on neighbouring pairs (offset alternating per layer)."""
    rng = random.Random(seed)
    ops = []
    for layer in range(depth):
        for q in range(n):
            ops.append(("u3", (q,), tuple(rng.uniform(0, 2 * math.pi) for _ in range(3))))
        for q in range(layer % 2, n - 1, 2):
            ops.append(("cx", (q, q + 1), ()))
    return ops


def uniform(n):
    """H on every qubit: the state sampled by the 10 000-shot benchmark."""
    return [("h", (q,), ()) for q in range(n)]


def u2q_expansion(qubits, params):
    """The eleven gates of a 'u2q' op."""
    a, b = qubits
    p = [params[3 * i:3 * i + 3] for i in range(8)]
    return [("u3", (a,), p[0]), ("u3", (b,), p[1]), ("cx", (a, b), ()),
            ("u3", (a,), p[2]), ("u3", (b,), p[3]), ("cx", (b, a), ()),
            ("u3", (a,), p[4]), ("u3", (b,), p[5]), ("cx", (a, b), ()),
            ("u3", (a,), p[6]), ("u3", (b,), p[7])]


def expand(ops):
    """The op list with every 'u2q' replaced by its eleven gates."""
    out = []
    for op in ops:
        out.extend(u2q_expansion(op[1], op[2]) if op[0] == "u2q" else [op])
    return out


def u3_matrix(theta, phi, lam):
    c, s = math.cos(theta / 2), math.sin(theta / 2)
    return np.array([[c, -np.exp(1j * lam) * s], [np.exp(1j * phi) * s, np.exp(1j * (phi + lam)) * c]])


def u2q_matrix(params):
    """4x4 matrix of a 'u2q' op on (a, b), little-endian: row index = bit_a + 2 bit_b."""
    eye = np.eye(2)
    cx_ab = np.array([[1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0]])  # control a (low bit)
    cx_ba = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]])  # control b (high bit)
    m = np.eye(4, dtype=complex)
    for name, qs, p in u2q_expansion((0, 1), params):
        if name == "u3":
            g = u3_matrix(*p)
            g4 = np.kron(eye, g) if qs[0] == 0 else np.kron(g, eye)
        else:
            g4 = cx_ab if qs == (0, 1) else cx_ba
        m = g4 @ m
    return m


def to_qasm(n, ops, measure=False):
    lines = ["OPENQASM 2.0;", 'include "qelib1.inc";', f"qreg q[{n}];"]
    if measure:
        lines.append(f"creg c[{n}];")
    for name, qs, p in expand(ops):
        args = f"({','.join(repr(x) for x in p)})" if p else ""
        lines.append(f"{name}{args} " + ",".join(f"q[{q}]" for q in qs) + ";")
    if measure:
        lines.append("measure q -> c;")
    return "\n".join(lines) + "\n"


def to_op_lines(n, ops):
    """The line format StrangePeer.kt reads: 'qubits N', then 'NAME QUBITS... PARAMS...' a line."""
    return "\n".join([f"qubits {n}"] + [" ".join([name, *map(str, qs), *map(repr, p)]) for name, qs, p in expand(ops)]) + "\n"
