"""One class per simulator compared. Each builds its circuit outside the timing and times one run:
evolution plus final probabilities (shots == 0) or evolution plus `shots` samples.

Every Python peer is held to two threads (the environment is set in compare.py before these imports).
"""
import subprocess
import time

import numpy as np

import circuits

THREADS = 2


class NumpyBaseline:
    """A straightforward NumPy simulator: the state as an n-dimensional (2,)*n array, one einsum per
    dense gate, a broadcast multiply for diagonal gates, slice exchanges for cx and swap. Single-threaded
    (NumPy's elementwise and einsum kernels are)."""

    name = "numpy"

    def __init__(self, n, ops):
        self.n, self.ops = n, ops

    def _axis(self, q):
        return self.n - 1 - q  # C order: axis 0 is the most significant bit

    def _index(self, fixed):
        idx = [slice(None)] * self.n
        for q, bit in fixed.items():
            idx[self._axis(q)] = bit
        return tuple(idx)

    def _dense(self, psi, matrix, qubits):
        n = self.n
        labels = list(range(n))
        out = list(labels)
        if len(qubits) == 1:
            a = self._axis(qubits[0])
            out[a] = n
            return np.einsum(matrix, [n, a], psi, labels, out)
        a0, a1 = self._axis(qubits[0]), self._axis(qubits[1])
        out[a0], out[a1] = n, n + 1
        # little-endian 4x4 reshaped in C order has axes (out bit1, out bit0, in bit1, in bit0)
        return np.einsum(matrix.reshape(2, 2, 2, 2), [n + 1, n, a1, a0], psi, labels, out)

    def run(self, shots):
        start = time.perf_counter()
        psi = np.zeros((2,) * self.n, dtype=np.complex128)
        psi[(0,) * self.n] = 1
        for name, qs, p in self.ops:
            if name == "h":
                psi = self._dense(psi, np.array([[1, 1], [1, -1]]) / np.sqrt(2), qs)
            elif name == "u3":
                psi = self._dense(psi, circuits.u3_matrix(*p), qs)
            elif name == "u2q":
                psi = self._dense(psi, circuits.u2q_matrix(p), qs)
            elif name == "rz":
                low = psi[self._index({qs[0]: 0})]
                high = psi[self._index({qs[0]: 1})]
                low *= np.exp(-0.5j * p[0])
                high *= np.exp(0.5j * p[0])
            elif name == "cu1":
                psi[self._index({qs[0]: 1, qs[1]: 1})] *= np.exp(1j * p[0])
            elif name == "cx":
                a = psi[self._index({qs[0]: 1, qs[1]: 0})]
                b = psi[self._index({qs[0]: 1, qs[1]: 1})]
                a[...], b[...] = b.copy(), a.copy()
            elif name == "swap":
                a = psi[self._index({qs[0]: 1, qs[1]: 0})]
                b = psi[self._index({qs[0]: 0, qs[1]: 1})]
                a[...], b[...] = b.copy(), a.copy()
            elif name == "ccx":
                a = psi[self._index({qs[0]: 1, qs[1]: 1, qs[2]: 0})]
                b = psi[self._index({qs[0]: 1, qs[1]: 1, qs[2]: 1})]
                a[...], b[...] = b.copy(), a.copy()
            else:
                raise ValueError(name)
        probs = np.abs(psi.reshape(-1)) ** 2
        if shots:
            np.random.default_rng(14).choice(probs.size, size=shots, p=probs / probs.sum())
        return time.perf_counter() - start


class Aer:
    """qiskit-aer, statevector method, its default gate fusion, two threads."""

    name = "qiskit-aer"

    def __init__(self, n, ops):
        from qiskit import QuantumCircuit
        from qiskit_aer import AerSimulator
        qc = QuantumCircuit(n)
        for name, qs, p in ops:
            if name == "u2q":
                qc.unitary(circuits.u2q_matrix(p), list(qs))
            else:
                getattr(qc, {"cu1": "cp", "u3": "u"}.get(name, name))(*p, *qs)
        self.qc = qc
        self.sim = AerSimulator(method="statevector", max_parallel_threads=THREADS)

    def run(self, shots):
        qc = self.qc.copy()
        if shots:
            qc.measure_all()
        else:
            qc.save_probabilities()
        start = time.perf_counter()
        result = self.sim.run(qc, shots=shots or 1).result()
        result.get_counts() if shots else result.data()["probabilities"]
        return time.perf_counter() - start


class Qulacs:
    """qulacs (OpenMP, OMP_NUM_THREADS=2)."""

    name = "qulacs"

    def __init__(self, n, ops):
        import qulacs
        from qulacs import gate
        self.n = n
        c = qulacs.QuantumCircuit(n)
        for name, qs, p in ops:
            if name == "h":
                c.add_H_gate(qs[0])
            elif name == "rz":
                c.add_RZ_gate(qs[0], p[0])
            elif name == "u3":
                c.add_U3_gate(qs[0], *p)
            elif name == "cx":
                c.add_CNOT_gate(*qs)
            elif name == "swap":
                c.add_SWAP_gate(*qs)
            elif name == "ccx":
                c.add_gate(gate.TOFFOLI(*qs))
            elif name == "cu1":
                g = gate.DenseMatrix(qs[1], np.diag([1, np.exp(1j * p[0])]))
                g.add_control_qubit(qs[0], 1)
                c.add_gate(g)
            elif name == "u2q":
                c.add_dense_matrix_gate(list(qs), circuits.u2q_matrix(p))
            else:
                raise ValueError(name)
        self.circuit = c

    def run(self, shots):
        import qulacs
        start = time.perf_counter()
        state = qulacs.QuantumState(self.n)
        self.circuit.update_quantum_state(state)
        if shots:
            state.sampling(shots)
        else:
            np.abs(state.get_vector()) ** 2
        del state
        return time.perf_counter() - start


class Qibojit:
    """qibo with the qibojit backend on numba, two threads. Qibo numbers qubits big-endian, so qubit q
    here is qibo's n-1-q (same state, same memory layout)."""

    name = "qibojit"

    def __init__(self, n, ops):
        import qibo
        from qibo import gates
        if qibo.get_backend().name != "qibojit":
            qibo.set_backend("qibojit", platform="numba")
            qibo.set_threads(THREADS)
        self.n = n
        r = lambda q: n - 1 - q  # noqa: E731
        c = qibo.Circuit(n)
        for name, qs, p in ops:
            if name == "h":
                c.add(gates.H(r(qs[0])))
            elif name == "rz":
                c.add(gates.RZ(r(qs[0]), p[0]))
            elif name == "u3":
                c.add(gates.U3(r(qs[0]), *p))
            elif name == "cx":
                c.add(gates.CNOT(r(qs[0]), r(qs[1])))
            elif name == "swap":
                c.add(gates.SWAP(r(qs[0]), r(qs[1])))
            elif name == "ccx":
                c.add(gates.TOFFOLI(r(qs[0]), r(qs[1]), r(qs[2])))
            elif name == "cu1":
                c.add(gates.CU1(r(qs[0]), r(qs[1]), p[0]))
            elif name == "u2q":
                # qibo's matrix is big-endian in its listed qubits: listing (b, a) makes it ours.
                c.add(gates.Unitary(circuits.u2q_matrix(p), r(qs[1]), r(qs[0])))
            else:
                raise ValueError(name)
        self.circuit = c

    def run(self, shots):
        import qibo
        from qibo import gates
        c = self.circuit.copy(deep=False)
        if shots:
            c.add(gates.M(*range(self.n)))
        start = time.perf_counter()
        result = c(nshots=shots or 1)
        result.frequencies() if shots else result.probabilities()
        del result
        return time.perf_counter() - start


class ServerEnded(RuntimeError):
    """The server process ended during a run (e.g. out of memory) after `seconds`."""

    def __init__(self, engine, seconds, reason):
        super().__init__(f"{engine} server ended unexpectedly after {seconds:.0f} s: {reason}")
        self.seconds, self.reason = seconds, reason


class JvmServer:
    """A StateVectorPeerServer process (engine 'qonduit' or 'strange'), asked over a pipe."""

    def __init__(self, engine, java_cmd, label):
        self.engine, self.java_cmd, self.name = engine, java_cmd, label
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(self.java_cmd + [self.engine], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        line = self.proc.stdout.readline()
        if not line.startswith("ready"):
            raise RuntimeError(f"{self.engine} server did not start: {line!r}")

    def run_file(self, path, shots, timeout):
        """Seconds for one run, or None when it did not finish within `timeout` (the process is ended)."""
        return self._ask(f"run {path} {shots}", timeout)

    def gate_pass(self, num_qubits, qubit, passes, timeout=120):
        """Seconds for the fastest of `passes` passes of H on `qubit`, timed inside the engine (qonduit only)."""
        return self._ask(f"pass {num_qubits} {qubit} {passes}", timeout)

    def _ask(self, command, timeout):
        if self.proc is None:
            self.start()
        started = time.perf_counter()
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        import selectors
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout):
            self.stop()
            return None
        line = self.proc.stdout.readline()
        if not line:
            errors = [e for e in self.proc.stderr.read().splitlines() if "Error" in e or "Exception" in e]
            self.stop()
            raise ServerEnded(self.engine, time.perf_counter() - started, errors[0] if errors else "no message")
        return float(line)

    def stop(self):
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None
