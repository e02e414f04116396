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
    """Distinct qubits from low to high, so every run length of a kernel is exercised."""
    return [(1 + 3 * j) % n for j in range(count)]


def gate_layer(gate, n, seed=14):
    """GATES_PER_BENCH copies of one gate class on distinct qubits (pairs (t, t+1) for 2-qubit gates)."""
    rng = random.Random(seed)
    ops = []
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
