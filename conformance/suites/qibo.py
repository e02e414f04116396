"""Qibo conformance: the real ``qibo-client`` 0.2.4 and ``qibo`` 0.3.2 against the emulator's /qibo.

Every method of the client's API document (``Client``, ``QiboJob``, ``QiboJobStatus``,
``convert_str_to_job_status``) is driven with circuits built by the real ``qibo``, and the results
are checked against qibo's own simulation: the archive the emulator serves is extracted by the
client into its results folder (a temporary ``RESULTS_BASE_FOLDER``) and loaded by
``qibo.result.load_result`` through ``QiboJob.result()``; its frequencies must equal the job's
``frequencies`` on the server, and states must equal qibo's ``Circuit()`` state. Checks that need
the server to answer otherwise (a refused post, other qibo versions: ``--fault`` rules; an
available hardware partition: ``--qibo-partition-available``) run on private emulators
(``private_emulator.py``). A socket guard refuses, and records, any connection beyond loopback.

Sections: setup and network guard · versions · jobs and results · job object · listings and
quotas · deletion · errors · circuit round trips (``Circuit.from_dict`` / ``to_dict``; add such
checks there) · Qonduit's circuit JSON through the real qibo (its own section: the JSON Qonduit's
client posts, printed by conformance/probe/QiboCircuitProbe.java) · network (last, so it sees every
other check's connections).
"""
from __future__ import annotations

import ipaddress
import json
import logging
import os
import socket
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

# This file is suites/qibo.py: Python puts its folder first on sys.path, where "import qibo" would
# find this very file instead of the qibo package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

# ---- setup and network guard ---------------------------------------------------------------------
# qibo-client reads RESULTS_BASE_FOLDER when it is imported: a temporary folder, never /tmp/qibo_client.
RESULTS_BASE = Path(tempfile.mkdtemp(prefix="qibo-conformance-"))
os.environ["RESULTS_BASE_FOLDER"] = str(RESULTS_BASE)
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost,::1"  # requests honours proxies: keep them off loopback

OUTSIDE_ATTEMPTS: list[str] = []
_connect = socket.socket.connect


def _loopback_only(sock: socket.socket, address):  # noqa: ANN001 - socket's own signature
    """Lets connections to loopback through; refuses (and records) every other address."""
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        try:
            allowed = ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = host == "localhost"
        if not allowed:
            OUTSIDE_ATTEMPTS.append(f"{host}:{address[1]}")
            raise ConnectionRefusedError(f"conformance: only loopback may be contacted, not {host}")
    return _connect(sock, address)


socket.socket.connect = _loopback_only  # type: ignore[method-assign]

import numpy as np  # noqa: E402 - after the guard
import qibo  # noqa: E402
import requests  # noqa: E402
from qibo import Circuit, gates  # noqa: E402
from qibo_client import Client, QiboJob, QiboJobStatus  # noqa: E402
from qibo_client.exceptions import JobPostServerError, QiboApiError  # noqa: E402
from qibo_client.qibo_job import convert_str_to_job_status  # noqa: E402

from harness import Suite, emulator_url, expect, expect_error  # noqa: E402
from private_emulator import private_emulator  # noqa: E402

qibo.set_backend("numpy")
URL = emulator_url() + "/qibo"
DEMO_TOKEN = "qibo-demo-token"  # QiboEmulatorState.DEMO_TOKEN, printed in the emulator banner
SIM, HARDWARE = "sim", "qpu5q"  # the emulator's simulator and its unavailable hardware partition
SHOTS = 500
WAIT = 0.02  # QiboJob.result's polling interval (the client's default is 0.5 s)

suite = Suite("qibo")


class Captured(logging.Handler):
    """Collects what qibo-client logs (its non-TTY UI prints through its logger)."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


LOG = Captured()
logging.getLogger("qibo_client.config_logging").addHandler(LOG)


def logged(fn) -> str:
    """Runs ``fn`` and returns what the client logged meanwhile."""
    start = len(LOG.messages)
    fn()
    return "\n".join(LOG.messages[start:])


def ghz(n: int = 3) -> Circuit:
    c = Circuit(n)
    c.add(gates.H(0))
    for q in range(n - 1):
        c.add(gates.CNOT(q, q + 1))
    c.add(gates.M(*range(n)))
    return c


def bell_registers() -> Circuit:
    c = Circuit(2)
    c.add(gates.H(0))
    c.add(gates.CNOT(0, 1))
    c.add(gates.M(0, register_name="a"))
    c.add(gates.M(1, register_name="b"))
    return c


def bell_state() -> Circuit:
    c = Circuit(2)
    c.add(gates.H(0))
    c.add(gates.CNOT(0, 1))
    return c


def rotations() -> Circuit:
    """A circuit whose state has phases everywhere: U3 and U2 carry a global phase in qibo."""
    c = Circuit(3)
    for g in (gates.H(0), gates.U3(1, 0.4, 1.1, 0.7), gates.U2(2, 0.3, 0.9), gates.CRY(0, 2, 0.8), gates.CU3(2, 1, 0.5, 0.2, 1.4),
              gates.RZZ(0, 1, 0.6), gates.SX(2), gates.TOFFOLI(0, 1, 2), gates.RY(0, 1.3).controlled_by(1),
              gates.H(1).controlled_by(2), gates.SWAP(0, 2).controlled_by(1)):
        c.add(g)
    return c


def as_json(raw: dict) -> dict:
    """``Circuit.raw`` as it travels (tuples become lists), what the server can keep."""
    return json.loads(json.dumps(raw))


def server_job(pid: str, token: str = DEMO_TOKEN, url: str = URL) -> dict:
    """The job object as the server sends it (``GET /api/jobs/{pid}/``), for comparisons."""
    reply = requests.get(f"{url}/api/jobs/{pid}/", headers={"x-api-token": token}, timeout=10)
    reply.raise_for_status()
    return reply.json()


client = Client(DEMO_TOKEN, URL)


@suite.check("qibo_client[version]")
def _():
    expect(version("qibo-client") == "0.2.4", f"installed qibo-client {version('qibo-client')}, pinned 0.2.4")
    expect(qibo.__version__ == "0.3.2", f"installed qibo {qibo.__version__}, pinned 0.3.2")


@suite.check("Client.__init__")
def _():
    c = Client(DEMO_TOKEN, URL)
    expect(c.base_url == URL, f"base_url {c.base_url}")
    expect(c.headers == {"x-api-token": DEMO_TOKEN, "x-qibo-client-version": "0.2.4"}, f"headers {c.headers}")
    expect(c.pid is None and c.results_folder is None, "a new client already has a job")


# ---- versions ------------------------------------------------------------------------------------

@suite.check("Client.check_client_server_qibo_versions")
def _():
    text = logged(client.check_client_server_qibo_versions)
    expect("older than server" not in text, f"a warning although the versions match: {text}")


def versions_fault(server: str, minimum: str) -> str:
    """A --fault rule making /api/qibo_version/ announce other versions (the emulator's fault rules, FaultRule.parse)."""
    body = json.dumps({"server_qibo_version": server, "minimum_client_qibo_version": minimum})
    return f"GET /qibo/api/qibo_version/ error 200 body={body}"


@suite.check("Client.check_client_server_qibo_versions[server newer: warning]")
def _():
    with private_emulator("--fault", versions_fault("0.3.9", "0.1.2a")) as private_url:
        text = logged(Client(DEMO_TOKEN, private_url + "/qibo").check_client_server_qibo_versions)
    expect("Local Qibo version (0.3.2) is older than server (0.3.9)" in text, f"no upgrade warning: {text!r}")


@suite.check("Client.check_client_server_qibo_versions[below minimum: RuntimeError]")
def _():
    with private_emulator("--fault", versions_fault("0.4.0", "0.4.0")) as private_url:
        private = Client(DEMO_TOKEN, private_url + "/qibo")
        expect_error(private.check_client_server_qibo_versions, RuntimeError, contains="requires qibo>=0.4.0")
        # run_circuit checks first, so nothing is posted.
        expect_error(lambda: private.run_circuit(ghz(), device=SIM, nshots=10), RuntimeError)
        listed = requests.get(private_url + "/qibo/api/jobs/", headers={"x-api-token": DEMO_TOKEN}, timeout=10).json()
    expect(listed == [], f"a job was posted despite the version check: {listed}")


# ---- jobs and results ----------------------------------------------------------------------------

ghz_job: QiboJob | None = None


@suite.check("Client.run_circuit[GHZ] + QiboJob.result")
def _():
    global ghz_job
    ghz_job = client.run_circuit(ghz(), device=SIM, nshots=SHOTS)
    expect(isinstance(ghz_job, QiboJob) and ghz_job.pid == client.pid, f"job {ghz_job!r}, client pid {client.pid}")
    expect(ghz_job.device == SIM and ghz_job.nshots == SHOTS and ghz_job.project == "personal", "job fields")
    statuses = logged(lambda: setattr(ghz_job, "loaded", ghz_job.result(wait=WAIT, verbose=True)))
    result = ghz_job.loaded
    expect(type(result).__name__ == "CircuitResult", f"result {type(result)}")
    freqs = dict(result.frequencies())
    expect(set(freqs) <= {"000", "111"} and sum(freqs.values()) == SHOTS, f"GHZ frequencies {freqs}")
    expect(min(freqs.get("000", 0), freqs.get("111", 0)) > SHOTS / 4, f"GHZ frequencies far from 50/50: {freqs}")
    expect(freqs == server_job(ghz_job.pid)["frequencies"], "load_result's frequencies differ from the job's on the server")
    expect(np.allclose(result.state(), ghz().execute(nshots=1).state()), "the GHZ state differs from qibo's")
    expect("Job SUCCESS" in statuses and "Job COMPLETED" in statuses, f"statuses logged: {statuses!r}")


@suite.check("QiboJob.result[results folder]")
def _():
    folder = ghz_job.results_folder
    expect(folder == RESULTS_BASE / ghz_job.pid, f"results folder {folder}, base {RESULTS_BASE}")
    expect(sorted(p.name for p in folder.iterdir()) == ["results.npy", "stderr.log", "stdout.log"], f"files {list(folder.iterdir())}")
    expect(ghz_job.results_path == folder / "results.npy", f"results_path {ghz_job.results_path}")
    reloaded = qibo.result.load_result(ghz_job.results_path)
    expect(dict(reloaded.frequencies()) == dict(ghz_job.loaded.frequencies()), "the file loads to other frequencies")
    expect(f"{SHOTS} shots" in (folder / "stdout.log").read_text(), "stdout.log does not describe the run")


@suite.check("Client.run_circuit[Bell, registers]")
def _():
    result = client.run_circuit(bell_registers(), device=SIM, nshots=SHOTS).result(wait=WAIT, verbose=False)
    freqs = dict(result.frequencies())
    expect(set(freqs) <= {"00", "11"} and sum(freqs.values()) == SHOTS, f"Bell frequencies {freqs}")
    registers = result.frequencies(registers=True)
    expect(set(registers) == {"a", "b"} and registers["a"] == registers["b"], f"register frequencies {registers}")
    expect(registers["a"]["1"] == freqs.get("11", 0), f"register a {registers['a']} against {freqs}")


@suite.check("Client.run_circuit[no measurement: QuantumState]")
def _():
    for circuit in (bell_state(), rotations()):
        result = client.run_circuit(circuit, device=SIM).result(wait=WAIT, verbose=False)
        expect(type(result).__name__ == "QuantumState", f"result {type(result)}")
        expect(np.allclose(result.state(), circuit().state(), atol=1e-12), f"state {result.state()} differs from qibo's {circuit().state()}")


@suite.check("Client.run_circuit[density matrix]")
def _():
    circuit = Circuit(2, density_matrix=True)
    circuit.add(gates.H(0))
    circuit.add(gates.CNOT(0, 1))
    result = client.run_circuit(circuit, device=SIM).result(wait=WAIT, verbose=False)
    expect(result.density_matrix, "the result is no density matrix")
    expect(np.allclose(result.state(), circuit().state()), "density matrix differs from qibo's")


@suite.check("Client.run_circuit[hardware partition: MeasurementOutcomes]")
def _():
    # On a private emulator whose hardware partition is available: what qibolab returns, no state.
    with private_emulator("--qibo-partition-available", HARDWARE) as private_url:
        result = Client(DEMO_TOKEN, private_url + "/qibo").run_circuit(ghz(), device=HARDWARE, nshots=200).result(wait=WAIT, verbose=False)
    expect(type(result).__name__ == "MeasurementOutcomes", f"result {type(result)}")
    freqs = dict(result.frequencies())
    expect(set(freqs) <= {"000", "111"} and sum(freqs.values()) == 200, f"frequencies {freqs}")
    expect(np.isclose(sum(result.probabilities()), 1.0), f"probabilities {result.probabilities()}")


# ---- job object ----------------------------------------------------------------------------------

@suite.check("Client.get_job")
def _():
    job = client.get_job(ghz_job.pid)
    expect(job.pid == ghz_job.pid and job.device == SIM and job.nshots == SHOTS, f"job {vars(job)}")
    expect(job.circuit == as_json(ghz().raw), "the job's circuit is not the posted Circuit.raw")
    expect(job._status is QiboJobStatus.SUCCESS and job.queue_position is None, f"status {job._status}, position {job.queue_position}")


@suite.check("QiboJob.refresh[pending on unavailable hardware]")
def _():
    waiting = [client.run_circuit(ghz(), device=HARDWARE, nshots=10) for _ in range(2)]
    try:
        for job in waiting:
            while job.refresh() is QiboJobStatus.QUEUEING:
                pass
        expect([j._status for j in waiting] == [QiboJobStatus.PENDING] * 2, f"statuses {[j._status for j in waiting]}")
        expect([j.queue_position for j in waiting] == [1, 2], f"queue positions {[j.queue_position for j in waiting]}")
        expect(waiting[0].seconds_to_job_start is None, "an estimate although the partition is down")
        expect(isinstance(waiting[1].queue_last_update, str), f"queue_last_update {waiting[1].queue_last_update!r}")
        expect(waiting[0].device == HARDWARE, f"device {waiting[0].device}")
        # The first one leaves the line: the second moves up.
        waiting[0].delete()
        waiting[1].refresh()
        expect(waiting[1].queue_position == 1, f"position after the job ahead left: {waiting[1].queue_position}")
    finally:
        for job in waiting:
            try:
                job.delete()
            except QiboApiError:
                pass  # already deleted above


@suite.check("QiboJob.status + QiboJob.running + QiboJob.success")
def _():
    job = client.run_circuit(ghz(), device=SIM, nshots=100)
    seen = []
    while not seen or seen[-1] not in (QiboJobStatus.SUCCESS, QiboJobStatus.ERROR):
        status = job.status()
        if not seen or seen[-1] is not status:
            seen.append(status)
    order = list(QiboJobStatus)
    expect(seen == sorted(seen, key=order.index) and seen[-1] is QiboJobStatus.SUCCESS, f"statuses {seen}")
    expect(job.success() and not job.running(), "a finished job is not success() or still running()")
    # A job is running() while the simulator has it.
    job = client.run_circuit(ghz(), device=SIM, nshots=100)
    running = False
    while not running and not job.success():
        running = job.running()
    expect(running, "running() never answered True")


@suite.check("QiboJob.result[error job]")
def _():
    raw = bell_state().raw
    raw["queue"].append({"name": "foo", "init_args": [0], "init_kwargs": {}, "_target_qubits": [0], "_control_qubits": [], "_class": "FOO"})

    class RawCircuit:
        """What run_circuit reads of a circuit: its raw dict (a gate qibo itself would not build)."""
        raw = None

    broken = RawCircuit()
    broken.raw = raw
    job = client.run_circuit(broken, device=SIM, nshots=10)
    text = logged(lambda: setattr(job, "loaded", job.result(wait=WAIT, verbose=True)))
    expect(job.loaded is None, f"an error job gave {job.loaded!r}")
    expect(job._status is QiboJobStatus.ERROR and "Job exited with error" in text, f"status {job._status}, log {text!r}")
    stderr = (job.results_folder / "stderr.log").read_text()
    expect("ValueError: Unknown gate FOO" in stderr, f"stderr.log: {stderr!r}")
    expect(not (job.results_folder / "results.npy").exists(), "an error job has results.npy")


@suite.check("QiboJobStatus + convert_str_to_job_status")
def _():
    names = ["queueing", "pending", "running", "postprocessing", "success", "error"]
    expect([s.name.lower() for s in QiboJobStatus] == names, f"statuses {list(QiboJobStatus)}")
    expect([convert_str_to_job_status(n) for n in names] == list(QiboJobStatus), "lower-case statuses do not convert")
    expect(convert_str_to_job_status("SUCCESS") is QiboJobStatus.SUCCESS, "upper case does not convert")
    expect(convert_str_to_job_status("done") is None and convert_str_to_job_status(None) is None, "unknown statuses convert")
    # Every status the emulator sends converts: the ones seen on the server for a finished job.
    expect(convert_str_to_job_status(server_job(ghz_job.pid)["status"]) is QiboJobStatus.SUCCESS, "the server's status")


# ---- listings and quotas -------------------------------------------------------------------------

@suite.check("Client.print_quota_info")
def _():
    before = requests.get(URL + "/api/projectquotas/", headers={"x-api-token": DEMO_TOKEN}, timeout=10).json()
    text = logged(client.print_quota_info)
    expect("User: demo@qonduit.io" in text and "Disk quota left [KBs]:" in text, f"quota info {text!r}")
    for name in (SIM, HARDWARE):
        expect(name in text, f"partition {name} missing from {text!r}")
    sim = next(q for q in before if q["partition"]["name"] == SIM)
    expect(sim["jobs_left"] < sim["jobs_max"] and sim["shots_left"] < sim["shots_max"], f"the sim quota did not go down: {sim}")
    expect(str(sim["jobs_left"]) in text, f"jobs_left {sim['jobs_left']} not shown")


@suite.check("Client.print_job_info")
def _():
    text = logged(client.print_job_info)
    expect("User: demo@qonduit.io" in text and ghz_job.pid in text and "success" in text, f"job info {text!r}")


# ---- deletion ------------------------------------------------------------------------------------

@suite.check("QiboJob.delete")
def _():
    job = client.run_circuit(ghz(), device=SIM, nshots=10)
    job.result(wait=WAIT, verbose=False)
    reply = job.delete()
    expect(reply.status_code == 200 and reply.json() == {"detail": f"Job {job.pid} deleted"}, f"delete {reply.status_code} {reply.text}")
    error = expect_error(lambda: client.get_job(job.pid), QiboApiError)
    expect(error.status == 404 and error.message == f"Invalid job pid, got {job.pid}", f"after delete: {error!r}")


@suite.check("Client.delete_job + Client.delete_all_jobs")
def _():
    with private_emulator() as private_url:
        private = Client(DEMO_TOKEN, private_url + "/qibo")
        jobs = [private.run_circuit(ghz(), device=SIM, nshots=10) for _ in range(3)]
        private.delete_job(jobs[0].pid)
        expect_error(lambda: private.get_job(jobs[0].pid), QiboApiError)
        deleted = private.delete_all_jobs()
        expect(sorted(deleted) == sorted(j.pid for j in jobs[1:]), f"bulk delete {deleted}")
        expect(logged(private.print_job_info) == "No jobs found in database for user", "jobs left after the bulk delete")


# ---- errors --------------------------------------------------------------------------------------

@suite.check("errors[invalid token]")
def _():
    stranger = Client("not-a-token", URL)
    stranger.check_client_server_qibo_versions()  # the version route describes the server: no user needed
    error = expect_error(lambda: stranger.run_circuit(ghz(), device=SIM, nshots=10), QiboApiError)
    expect(error.status == 404 and error.message == "User not found, specify the correct token", f"{error!r}")
    expect(error.method == "POST" and error.url == URL + "/api/jobs/", f"{error.method} {error.url}")
    expect("not-a-token" not in str(error), "the token shows in the error")
    expect_error(stranger.print_quota_info, QiboApiError, contains="User not found")


@suite.check("errors[invalid pid]")
def _():
    error = expect_error(lambda: client.get_job("invalidPid"), QiboApiError)
    expect(error.status == 404 and str(error) == "Invalid job pid, got invalidPid", f"{error!r}")
    expect(error.payload == {"detail": "Invalid job pid, got invalidPid"}, f"payload {error.payload}")


@suite.check("errors[200 without pid: JobPostServerError]")
def _():
    # The observed reply (qibo.md §5) as a fault rule on the post.
    refused = 'POST /qibo/api/jobs/ error 200 body={"detail": "Server failed to post job to queue"}'
    with private_emulator("--fault", refused) as private_url:
        private = Client(DEMO_TOKEN, private_url + "/qibo")
        expect_error(lambda: private.run_circuit(ghz(), device=SIM, nshots=10), JobPostServerError,
                     contains="Server failed to post job to queue")
        expect(private.pid is None, f"pid {private.pid}")


@suite.check("errors[nshots above max_num_shots]")
def _():
    error = expect_error(lambda: client.run_circuit(ghz(), device=SIM, nshots=10**9), QiboApiError)
    expect(error.status == 400 and "exceeds max_num_shots" in error.message, f"{error!r}")


# ---- circuit round trips (Circuit.from_dict / to_dict) -------------------------------------------

@suite.check("Circuit.raw[posted as the server keeps it]")
def _():
    for circuit in (ghz(), bell_registers(), rotations()):
        job = client.run_circuit(circuit, device=SIM, nshots=10)
        kept = server_job(job.pid)["circuit"]
        expect(kept == as_json(circuit.raw), "the server's circuit differs from Circuit.raw")
        rebuilt = Circuit.from_dict(kept)
        expect(as_json(rebuilt.raw) == kept, "Circuit.from_dict of the server's circuit gives another circuit")
        job.result(wait=WAIT, verbose=False)


# ---- Qonduit's circuit JSON through the real qibo -----------------------------------------------
# Separate from the client checks above: the JSON Qonduit's QiboTarget posts (QiboCircuitJson, for
# circuits from the builder/DSL and the OpenQASM parser) must be what qibo itself reads and writes.
# conformance/probe/QiboCircuitProbe.java prints each circuit's JSON and Qonduit's own simulated
# probabilities; qibo rebuilds the circuit (Circuit.from_dict), writes it back (to_dict) unchanged
# but for the qibo_version it names, and simulates both, with the same probabilities as Qonduit's.

QIBO_PROBE = Path(__file__).resolve().parent.parent / "probe" / "QiboCircuitProbe.java"


def qonduit_circuits() -> list[dict]:
    import subprocess

    classpath = os.environ.get("QONDUIT_PROBE_CLASSPATH")
    if not classpath:
        raise RuntimeError("QONDUIT_PROBE_CLASSPATH is not set: run the suite through conformance/run")
    done = subprocess.run(["java", "-cp", classpath, str(QIBO_PROBE)], capture_output=True, text=True, encoding="utf-8", timeout=180)
    if done.returncode != 0:
        raise RuntimeError(f"the probe failed (exit {done.returncode}): {done.stderr[-600:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def final_probabilities(circuit: Circuit) -> np.ndarray:
    """|state|^2 over every qubit, qubit 0 most significant (measurements with collapse=False leave the state)."""
    state = np.asarray(circuit(nshots=1).state())
    return np.abs(state) ** 2


QONDUIT_CIRCUITS: list[dict] = []


@suite.check("qonduit circuit JSON[probe]")
def _():
    QONDUIT_CIRCUITS.extend(qonduit_circuits())
    expect(len(QONDUIT_CIRCUITS) >= 5, f"the probe printed {len(QONDUIT_CIRCUITS)} circuits")


@suite.check("qonduit circuit JSON[Circuit.from_dict then to_dict gives it back]")
def _():
    expect(QONDUIT_CIRCUITS, "no circuits from the probe")
    for entry in QONDUIT_CIRCUITS:
        ours = entry["json"]
        back = as_json(Circuit.from_dict(ours).raw)
        expect(back["qibo_version"] == qibo.__version__, f"{entry['name']}: qibo_version {back['qibo_version']}")
        differing = sorted(k for k in set(ours) | set(back) if k != "qibo_version" and ours.get(k) != back.get(k))
        expect(not differing, f"{entry['name']}: to_dict differs in {differing}")
        for i, (a, b) in enumerate(zip(ours["queue"], back["queue"])):
            expect(a == b, f"{entry['name']}: queue[{i}] {a} came back as {b}")


@suite.check("qonduit circuit JSON[qibo simulates ours and the round trip alike, as Qonduit does]")
def _():
    expect(QONDUIT_CIRCUITS, "no circuits from the probe")
    for entry in QONDUIT_CIRCUITS:
        first = Circuit.from_dict(entry["json"])
        again = Circuit.from_dict(first.raw)
        p_first, p_again = final_probabilities(first), final_probabilities(again)
        ours = np.asarray(entry["probabilities"])
        expect(np.allclose(p_first, p_again, atol=1e-12), f"{entry['name']}: the round trip simulates differently")
        expect(np.allclose(p_first, ours, atol=1e-9), f"{entry['name']}: qibo {np.round(p_first, 6)} vs Qonduit {np.round(ours, 6)}")


@suite.check("qonduit circuit JSON[runs through the real client on the server]")
def _():
    entry = next(e for e in QONDUIT_CIRCUITS if e["name"] == "ghz-builder")
    job = client.run_circuit(Circuit.from_dict(entry["json"]), device=SIM, nshots=SHOTS)
    result = job.result(wait=WAIT, verbose=False)
    frequencies = dict(result.frequencies(binary=True))
    expect(set(frequencies) == {"000", "111"} and sum(frequencies.values()) == SHOTS, f"{frequencies}")


# ---- network -------------------------------------------------------------------------------------

@suite.check("network[loopback only]")
def _():
    expect(OUTSIDE_ATTEMPTS == [], f"connections beyond loopback were attempted: {OUTSIDE_ATTEMPTS}")


suite.finish()
