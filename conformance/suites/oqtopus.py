"""OQTOPUS conformance: the real ``oqtopus-client`` 1.3.0 against the emulator's /oqtopus.

Every public method of ``OqtopusClient``, ``OqtopusConfig``, the job spec, result and device classes
and the module's helper functions is driven and its result checked against analytic values (Bell
counts, ⟨Z⊗Z⟩ = 1, ⟨X⟩ on |+⟩, divided counts per program); ``users/me`` and ``system/settings``,
which ``OqtopusClient`` does not wrap, through the generated REST APIs the client ships
(``oqtopus_client.rest``). The client is pointed at the emulator only through its own configuration
(explicit ``OqtopusConfig``, ``OQTOPUS_*`` environment variables, a ``config.ini`` under a temporary
HOME) and authenticates with the ``q-api-token`` header, as it does against the service.
Checks that revoke the demo token or delete the demo user run last, on a private emulator
(``private_emulator.py``), so later suites still find the shared one's seeded state.
"""
from __future__ import annotations

import asyncio
import base64
import io
import math
import os
import tempfile
import time
import uuid
import warnings
import zipfile
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from importlib.metadata import version
from pathlib import Path

# The storage transfers use aiohttp with trust_env=True: keep any proxy of the machine off loopback.
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost,::1"

from oqtopus_client import (  # noqa: E402 - after the proxy guard above
    OqtopusClient,
    OqtopusConfig,
    OqtopusDevice,
    OqtopusEstimationJobResult,
    OqtopusEstimationOperator,
    OqtopusJobResult,
    OqtopusJobSpec,
    OqtopusMultiManualJobResult,
    OqtopusSamplingJobResult,
    OqtopusSseJobResult,
    ResponseValidationError,
    UserApiError,
    bitstring_dict_to_int_keys,
    bitstring_to_int,
    convert_sampling_counts_to_int_keys,
    rest,
)
from oqtopus_client.rest.api.settings_api import SettingsApi  # noqa: E402
from oqtopus_client.rest.api.users_api import UsersApi  # noqa: E402

from harness import Suite, emulator_url, expect, expect_error  # noqa: E402
from private_emulator import private_emulator  # noqa: E402

BASE = emulator_url() + "/oqtopus"
DEMO_TOKEN = "oqtopus-demo-token"  # OqtopusEmulatorState.DEMO_TOKEN, printed in the emulator banner
FAST = {"interval": 0.05, "timeout": 60.0}  # polling knobs (the client's defaults are 1 s and 300 s)
SHOTS = 1000
RUN = uuid.uuid4().hex[:8]  # tags this run's job names, for the q filter

BELL = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;'
# Classical bit 0 is the rightmost character of a count key: x on q[1] always reads "10".
X_ON_Q1 = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; x q[1]; c = measure q;'
BELL_STATE = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; h q[0]; cx q[0], q[1];'
PLUS_STATE = 'OPENQASM 3; include "stdgates.inc"; qubit[1] q; h q[0];'
INVALID_QASM = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; not_a_gate q[0]; c = measure q;'
SSE_SCRIPT = 'print("hello from the SSE script")\n'

suite = Suite("oqtopus")


def name(label: str) -> str:
    return f"conformance-{RUN}-{label}"


def config(token: str | None = DEMO_TOKEN, url: str = BASE) -> OqtopusConfig:
    return OqtopusConfig(url=url, api_token=token)


@contextmanager
def scoped_env(**values: str | None):
    """Sets (or, with None, removes) environment variables for the block and restores them after."""
    saved = {key: os.environ.get(key) for key in values}
    try:
        for key, value in values.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


NO_OQTOPUS_ENV = {key: None for key in ("OQTOPUS_URL", "OQTOPUS_BASE_URL", "OQTOPUS_API_TOKEN", "OQTOPUS_PROXY", "OQTOPUS_ENV")}


def oqtopus_env(**values: str | None):
    """``scoped_env`` with every OQTOPUS_* variable the client reads removed unless given."""
    return scoped_env(**{**NO_OQTOPUS_ENV, **values})


def expect_api_error(fn, status: int) -> UserApiError:
    error = expect_error(fn, UserApiError)
    expect(error.status_code == status, f"expected HTTP {status}, got {error.status_code}: {error}")
    expect(bool(error.message), f"no message in the error {error!r}")
    return error


def expect_bell_counts(counts: dict, shots: int = SHOTS) -> None:
    expect(set(counts) <= {"00", "11"}, f"Bell counts have keys beyond 00/11: {counts}")
    expect(sum(counts.values()) == shots, f"counts {counts} do not add up to {shots}")
    # Four standard deviations of a fair coin over the shots (sqrt(shots) / 2 each).
    expect(min(counts.get("00", 0), counts.get("11", 0)) > shots / 2 - 2 * math.sqrt(shots), f"Bell counts far from 50/50: {counts}")


def close(actual: float | None, wanted: float, tolerance: float = 1e-9) -> bool:
    return actual is not None and math.isclose(actual, wanted, abs_tol=tolerance)


client = OqtopusClient(config())


# ---- configuration -----------------------------------------------------------------------------

@suite.check("oqtopus_client[version]")
def _():
    expect(version("oqtopus-client") == "1.3.0", f"installed {version('oqtopus-client')}, pinned 1.3.0")


@suite.check("OqtopusConfig.__init__")
def _():
    cfg = OqtopusConfig(url=BASE, api_token=DEMO_TOKEN, timeout=10.0)
    expect(cfg.url == BASE and cfg.base_url == BASE and cfg.timeout == 10.0, f"config {cfg}")
    expect(DEMO_TOKEN not in repr(cfg), "the token shows in repr()")
    expect(len(OqtopusClient(cfg).list_devices()) > 0, "no devices with an explicit config")


@suite.check("OqtopusConfig.__init__[base_url alias]")
def _():
    cfg = OqtopusConfig(base_url=BASE, api_token=DEMO_TOKEN)
    expect(cfg.url == BASE, f"url {cfg.url}")
    expect(len(OqtopusClient(cfg).list_devices()) > 0, "no devices with base_url=")
    expect_error(lambda: OqtopusConfig(url=BASE, base_url=BASE + "/other"), ValueError)


@suite.check("OqtopusConfig.from_env")
def _():
    with oqtopus_env(OQTOPUS_BASE_URL=BASE, OQTOPUS_API_TOKEN=DEMO_TOKEN):
        cfg = OqtopusConfig.from_env()
    expect(cfg.url == BASE and cfg.api_token == DEMO_TOKEN and cfg.proxy is None, f"config {cfg}")
    expect(len(OqtopusClient(cfg).list_devices()) > 0, "no devices with the OQTOPUS_BASE_URL config")


@suite.check("OqtopusConfig.from_env[OQTOPUS_URL]")
def _():
    with oqtopus_env(OQTOPUS_URL=BASE, OQTOPUS_BASE_URL="http://127.0.0.1:9/unused", OQTOPUS_API_TOKEN=DEMO_TOKEN):
        cfg = OqtopusConfig.from_env()
    expect(cfg.url == BASE, f"OQTOPUS_URL must win over OQTOPUS_BASE_URL, got {cfg.url}")


@suite.check("OqtopusConfig.from_env[custom variable names]")
def _():
    with oqtopus_env(EMU_URL=BASE, EMU_TOKEN=DEMO_TOKEN):
        cfg = OqtopusConfig.from_env(base_url_env="EMU_URL", api_token_env="EMU_TOKEN")
    expect(cfg.url == BASE and cfg.api_token == DEMO_TOKEN, f"config {cfg}")
    expect(len(OqtopusClient(cfg).list_devices()) > 0, "no devices with the custom-named variables")


@suite.check("OqtopusConfig.from_env[no URL]")
def _():
    with oqtopus_env():
        expect_error(OqtopusConfig.from_env, ValueError, contains="OQTOPUS_URL")


@suite.check("OqtopusConfig.from_file")
def _():
    with tempfile.TemporaryDirectory() as home:
        path = Path(home, "profiles.ini")
        path.write_text(f"[emulator]\nurl = {BASE}\napi_token = {DEMO_TOKEN}\ntimeout = 12.5\n", encoding="utf-8")
        cfg = OqtopusConfig.from_file("emulator", path)
        expect_error(lambda: OqtopusConfig.from_file("absent", path), ValueError, contains="absent")
    expect(cfg.url == BASE and cfg.api_token == DEMO_TOKEN and cfg.timeout == 12.5, f"config {cfg}")
    expect(len(OqtopusClient(cfg).list_devices()) > 0, "no devices with the file config")


@suite.check("OqtopusConfig.from_file[~/.config/oqtopus/config.ini]")
def _():
    with tempfile.TemporaryDirectory() as home, oqtopus_env(HOME=home, XDG_CONFIG_HOME=None):
        Path(home, ".config", "oqtopus").mkdir(parents=True)
        Path(home, ".config", "oqtopus", "config.ini").write_text(
            f"[default]\nbase_url = {BASE}\napi_token = {DEMO_TOKEN}\n", encoding="utf-8")
        cfg = OqtopusConfig.from_file()
        devices = OqtopusClient().list_devices()  # no config: the client reads the same file
    expect(cfg.url == BASE and cfg.api_token == DEMO_TOKEN, f"config {cfg}")
    expect(len(devices) > 0, "no devices with the default config file")


@suite.check("OqtopusConfig.from_file[$XDG_CONFIG_HOME]")
def _():
    with tempfile.TemporaryDirectory() as xdg, oqtopus_env(XDG_CONFIG_HOME=xdg):
        Path(xdg, "oqtopus").mkdir()
        Path(xdg, "oqtopus", "config.ini").write_text(f"[default]\nurl = {BASE}\napi_token = {DEMO_TOKEN}\n", encoding="utf-8")
        cfg = OqtopusConfig.from_file()
    expect(cfg.url == BASE, f"config {cfg}")


@suite.check("OqtopusClient.__init__[default_headers, user_agent]")
def _():
    custom = OqtopusClient(config(), default_headers={"X-Conformance-Run": RUN}, user_agent=f"qonduit-conformance/{RUN}")
    expect(custom.base_url == BASE and custom.url == BASE, f"base_url {custom.base_url}")
    expect(len(custom.list_devices()) > 0, "no devices with custom headers")


@suite.check("OqtopusClient.__init__[wrong token]")
def _():
    expect_api_error(OqtopusClient(config("not-a-token")).list_devices, 401)


@suite.check("OqtopusClient.__init__[no token]")
def _():
    expect_api_error(OqtopusClient(config(None)).list_devices, 401)


# ---- devices -----------------------------------------------------------------------------------

@suite.check("OqtopusClient.list_devices")
def list_devices():
    devices = client.list_devices()
    expect(devices and all(isinstance(d, OqtopusDevice) for d in devices), f"devices {devices}")
    ids = [d.device_id for d in devices]
    expect(len(ids) == len(set(ids)), f"duplicate device ids {ids}")
    expect("SVSim" in ids, f"the spec example device SVSim is missing from {ids}")
    for d in devices:
        expect(d.device_type in ("QPU", "simulator") and d.status in ("available", "unavailable"), f"{d.device_id}: {d.raw}")
        expect(isinstance(d.n_pending_jobs, int) and d.n_pending_jobs >= 0, f"{d.device_id}: n_pending_jobs {d.n_pending_jobs}")
        expect(all(isinstance(g, str) for g in d.basis_gates) and d.supported_instructions is not None, f"{d.device_id}")
        expect(isinstance(d.description, str) and d.description, f"{d.device_id}: no description")
    return devices


DEVICES = list_devices or []
SIM = next((d.device_id for d in DEVICES if d.device_type == "simulator" and d.status == "available"), "SVSim")


@suite.check("OqtopusDevice[properties]")
def _():
    for d in DEVICES:
        expect(d.raw.device_info is None or isinstance(d.raw.device_info, str), f"{d.device_id}: device_info is JSON in a string")
        if d.raw.device_info:
            expect(isinstance(d.device_info, dict), f"{d.device_id}: device_info {d.device_info!r} is not parsed")
        expect(d.n_qubits is None or d.n_qubits > 0, f"{d.device_id}: n_qubits {d.n_qubits}")
        expect(d.available_at is None or isinstance(d.available_at, datetime), f"{d.device_id}: available_at")
        expect(d.calibrated_at is None or isinstance(d.calibrated_at, datetime), f"{d.device_id}: calibrated_at")
        if d.status == "unavailable":
            expect(d.available_at is not None, f"{d.device_id}: unavailable without available_at (spec)")
    svsim = next(d for d in DEVICES if d.device_id == "SVSim")
    expect(svsim.device_type == "simulator" and isinstance(svsim.device_info.get("n_nodes"), int), f"SVSim device_info {svsim.device_info}")
    expect(svsim.n_qubits > 0 and "cx" in svsim.basis_gates and "measure" in svsim.supported_instructions, f"SVSim {svsim.raw}")
    qpus = [d for d in DEVICES if d.device_type == "QPU"]
    expect(qpus, "no QPU device")
    for qpu in qpus:  # the spec's device_info: calibration_data with qubit_connectivity and per-qubit t1
        calibration = qpu.device_info["calibration_data"]
        expect(isinstance(calibration["qubit_connectivity"], list) and isinstance(calibration["t1"], dict), f"{qpu.device_id}: {calibration}")
        expect(isinstance(qpu.calibrated_at, datetime), f"{qpu.device_id}: calibrated_at {qpu.calibrated_at}")


if not hasattr(OqtopusDevice, "device_info_str"):
    suite.skip("OqtopusDevice.device_info_str",
               "the seed documents it, but oqtopus-client 1.3.0 has no such property: services/device.py defines "
               "device_info (json.loads of raw.device_info) only, and __getattr__ delegates to DevicesDeviceInfo, "
               "which raises AttributeError; the raw JSON text is checked through OqtopusDevice.raw.device_info")


@suite.check("OqtopusClient.get_device")
def _():
    device = client.get_device(SIM)
    listed = next(d for d in DEVICES if d.device_id == SIM)
    expect(device.raw == listed.raw, f"get_device {device.raw} differs from list_devices {listed.raw}")


@suite.check("OqtopusClient.get_device[unknown]")
def _():
    expect_api_error(lambda: client.get_device("no-such-device"), 404)


# ---- job specs (local) -------------------------------------------------------------------------

@suite.check("OqtopusJobSpec.sampling")
def _():
    spec = OqtopusJobSpec.sampling(device_id=SIM, program=BELL, shots=10, name="n")
    expect(spec.job_type == rest.JobsJobType.SAMPLING and spec.program == BELL and spec.shots == 10, f"{spec}")


@suite.check("OqtopusJobSpec.estimation")
def _():
    spec = OqtopusJobSpec.estimation(device_id=SIM, program=BELL_STATE, operator=[OqtopusEstimationOperator("Z 0 Z 1", 1.0)])
    expect(spec.job_type == rest.JobsJobType.ESTIMATION, f"{spec}")


@suite.check("OqtopusJobSpec.multi_manual")
def _():
    spec = OqtopusJobSpec.multi_manual(device_id=SIM, program=[BELL, X_ON_Q1])
    expect(spec.job_type == rest.JobsJobType.MULTI_MANUAL and list(spec.program) == [BELL, X_ON_Q1], f"{spec}")


@suite.check("OqtopusJobSpec.sse")
def _():
    spec = OqtopusJobSpec.sse(device_id=SIM, program=SSE_SCRIPT)
    expect(spec.job_type == rest.JobsJobType.SSE and spec.operator is None, f"{spec}")


@suite.check("OqtopusJobSpec.to_model")
def _():
    model = OqtopusJobSpec.sampling(device_id=SIM, program=BELL, shots=7, name="n", description="d").to_model()
    expect(isinstance(model, rest.JobsSubmitJobRequest), f"{type(model)}")
    expect(model.to_dict() == {"name": "n", "description": "d", "device_id": SIM, "job_type": "sampling", "shots": 7,
                               "transpiler_info": {}, "simulator_info": {}, "mitigation_info": {}}, f"{model.to_dict()}")


@suite.check("OqtopusJobSpec.to_s3_submit_job_info")
def _():
    info = OqtopusJobSpec.estimation(device_id=SIM, program=BELL_STATE, operator=[{"pauli": "X 0 X 1", "coeff": 0.5}]).to_s3_submit_job_info()
    expect(info.to_dict() == {"program": [BELL_STATE], "operator": [{"pauli": "X 0 X 1", "coeff": 0.5}]}, f"{info.to_dict()}")
    sse = OqtopusJobSpec.sse(device_id=SIM, program=SSE_SCRIPT).to_s3_submit_job_info()
    expect(sse.to_dict() == {"sse_program": SSE_SCRIPT}, f"{sse.to_dict()}")
    expect_error(lambda: OqtopusJobSpec.sse(device_id=SIM, program=["a", "b"]).to_s3_submit_job_info(), ValueError)


@suite.check("OqtopusEstimationOperator.to_model")
def _():
    model = OqtopusEstimationOperator("Z 0 Z 1", 2.0).to_model()
    expect(isinstance(model, rest.JobsS3OperatorItem) and model.pauli == "Z 0 Z 1" and model.coeff == 2.0, f"{model}")


@suite.check("OqtopusEstimationOperator.from_model")
def _():
    op = OqtopusEstimationOperator.from_model(rest.JobsS3OperatorItem(pauli="X 0", coeff=0.25))
    expect(op == OqtopusEstimationOperator("X 0", 0.25), f"{op}")


# ---- submit, status, wait, results ---------------------------------------------------------------

@suite.check("OqtopusClient.submit_job")
def submitted():
    response = client.submit_job(OqtopusJobSpec.sampling(device_id=SIM, program=BELL, shots=SHOTS, name=name("submit"), description="Bell"))
    expect(isinstance(response, rest.JobsRegisterJobResponse) and response.job_id, f"{response}")
    expect(response.presigned_url.url.startswith(emulator_url() + "/oqtopus-storage"), f"upload URL {response.presigned_url.url}")
    expect(response.presigned_url.fields.key.endswith("input.zip"), f"upload key {response.presigned_url.fields.key}")
    return response.job_id


JOB = submitted


@suite.check("OqtopusClient.submit_job[not a spec]")
def _():
    expect_error(lambda: client.submit_job({"device_id": SIM, "job_type": "sampling", "shots": 1}), TypeError)


@suite.check("OqtopusClient.get_job_status")
def _():
    status = client.get_job_status(JOB)
    expect(isinstance(status, rest.JobsGetJobStatusResponse) and status.job_id == JOB, f"{status}")
    expect(status.status in {rest.JobsJobStatus.SUBMITTED, rest.JobsJobStatus.READY, rest.JobsJobStatus.RUNNING,
                             rest.JobsJobStatus.SUCCEEDED}, f"status {status.status}")


@suite.check("OqtopusClient.get_job_status[unknown]")
def _():
    expect_api_error(lambda: client.get_job_status(str(uuid.uuid4())), 404)


@suite.check("OqtopusClient.status")
def _():
    expect(isinstance(client.status(JOB), rest.JobsJobStatus), "not a JobsJobStatus")


@suite.check("OqtopusClient.wait_for_job")
def waited():
    seen = []
    result = client.wait_for_job(JOB, interval_backoff=1.5, max_interval=0.2, on_status=seen.append, **FAST)
    expect(isinstance(result, OqtopusSamplingJobResult) and result.status == rest.JobsJobStatus.SUCCEEDED, f"{result} {result.status}")
    expect(seen and seen[-1].status == rest.JobsJobStatus.SUCCEEDED, f"on_status saw {seen}")
    expect_bell_counts(result.get_counts())
    return result


@suite.check("OqtopusClient.is_finished")
def _():
    expect(client.is_finished(JOB) is True, "a succeeded job is not finished")
    expect(client.is_finished(JOB, terminal_statuses={rest.JobsJobStatus.FAILED}) is False, "terminal_statuses ignored")


@suite.check("OqtopusClient.wait")
def _():
    result = client.wait(JOB, **FAST)
    expect(result.job_id == JOB and result.get_counts() == waited.get_counts(), f"wait {result.get_counts()}")


@suite.check("OqtopusClient.wait_for_job[invalid knobs]")
def _():
    expect_error(lambda: client.wait_for_job(JOB, interval=0), ValueError)
    expect_error(lambda: client.wait_for_job(JOB, interval_backoff=0.5), ValueError)


@suite.check("OqtopusClient.get_job")
def _():
    result = client.get_job(JOB)
    expect(isinstance(result, OqtopusSamplingJobResult), f"{type(result)}")
    expect(result.name == name("submit") and result.description == "Bell" and result.device_id == SIM and result.shots == SHOTS,
           f"echo: {result.name} {result.description} {result.device_id} {result.shots}")
    expect(result.get_counts() == waited.get_counts(), "the counts changed between reads")
    info = result.job_info
    expect(isinstance(info.input, rest.JobsS3SubmitJobInfo) and info.input.program == [BELL], f"input.zip {info.input}")
    expect(info.to_dict().get("program") == [BELL], "the legacy job_info.program alias is missing")
    expect(result.submitted_at and result.ended_at and result.submitted_at <= result.ended_at, "timestamps")
    expect(result.running_at is None or result.submitted_at <= result.running_at <= result.ended_at, "running_at")
    expect(isinstance(result.execution_time, (int, float)) and result.execution_time >= 0, f"execution_time {result.execution_time}")
    expect(result.message is None, f"message on a succeeded job: {result.message}")


@suite.check("OqtopusClient.get_job[unknown]")
def _():
    expect_api_error(lambda: client.get_job(str(uuid.uuid4())), 404)


@suite.check("OqtopusClient.get_job_result")
def _():
    expect(client.get_job_result(JOB).get_counts() == waited.get_counts(), "get_job_result differs from get_job")


@suite.check("OqtopusClient.result")
def _():
    expect(client.result(JOB).get_counts() == waited.get_counts(), "result differs from get_job")


@suite.check("OqtopusClient.refresh")
def _():
    expect(client.refresh(JOB).get_counts() == waited.get_counts(), "refresh differs from get_job")


@suite.check("OqtopusJobResult.transpile_result")
def _():
    tr = waited.transpile_result
    expect(isinstance(tr, rest.JobsS3TranspileResult), f"no transpile_result.zip for a sampling job: {tr!r}")
    expect(isinstance(tr.transpiled_program, str) and "OPENQASM" in tr.transpiled_program, f"transpiled_program {tr.transpiled_program!r}")
    expect(tr.stats is None or isinstance(tr.stats, dict), f"stats {tr.stats!r}")
    expect(isinstance(tr.virtual_physical_mapping, dict), f"virtual_physical_mapping {tr.virtual_physical_mapping!r}")


@suite.check("OqtopusJobResult[properties]")
def _():
    r = waited
    expect(r.is_sampling() and not (r.is_estimation() or r.is_multi_manual() or r.is_sse()), "is_* of a sampling job")
    expect(r.job_type == rest.JobsJobType.SAMPLING and r.transpiler_info == {} and r.simulator_info == {} and r.mitigation_info == {},
           f"{r.job_type} {r.transpiler_info} {r.simulator_info} {r.mitigation_info}")
    expect(r.ready_at is None or r.submitted_at <= r.ready_at, "ready_at")
    expect(isinstance(r.sampling, rest.JobsS3SamplingResult) and r.estimation is None, f"sampling {r.sampling!r}")


@suite.check("OqtopusSamplingJobResult.get_counts")
def _():
    expect_bell_counts(waited.get_counts())


@suite.check("OqtopusSamplingJobResult.counts_with_integer_keys")
def _():
    converted = waited.counts_with_integer_keys()
    counts = waited.get_counts()
    expect(converted["counts"] == {int(k, 2): v for k, v in counts.items()}, f"{converted}")
    expect(converted["divided_counts"] == {}, f"divided_counts of a plain sampling job: {converted['divided_counts']}")


@suite.check("OqtopusJobResult.from_raw")
def _():
    raw = next(j for j in client.list_jobs(q=JOB, size=5) if j.job_id == JOB)
    built = OqtopusJobResult.from_raw(raw)
    expect(built.job_id == JOB and built.status == rest.JobsJobStatus.SUCCEEDED and built.shots == SHOTS, f"{built}")
    expect(isinstance(built.job_info.input, str) and built.job_info.input.startswith("http"), "list_jobs resolves no URLs")
    expect_error(lambda: OqtopusJobResult.from_raw(rest.JobsJob(job_id=JOB, status="registered")), ValueError, contains="missing")


# ---- run helpers, all job types ----------------------------------------------------------------

@suite.check("OqtopusClient.run_job")
def _():
    result = client.run_job(OqtopusJobSpec.sampling(device_id=SIM, program=X_ON_Q1, shots=200, name=name("run-job")), **FAST)
    expect(isinstance(result, OqtopusSamplingJobResult) and result.status == rest.JobsJobStatus.SUCCEEDED, f"{result.status}")
    expect(result.get_counts() == {"10": 200}, f"x on q[1] must read 10 every shot, got {result.get_counts()}")
    expect(result.counts_with_integer_keys()["counts"] == {2: 200}, f"{result.counts_with_integer_keys()}")


@suite.check("OqtopusClient.run_sampling")
def _():
    result = client.run_sampling(OqtopusJobSpec.sampling(
        device_id=SIM, program=BELL, shots=SHOTS, name=name("sampling"), transpiler_info={"transpiler_lib": "qiskit"},
        mitigation_info={"ro_error_mitigation": "pseudo_inverse"}), **FAST)
    expect(result.status == rest.JobsJobStatus.SUCCEEDED, f"status {result.status}: {result.message}")
    expect_bell_counts(result.get_counts())
    expect(result.transpiler_info == {"transpiler_lib": "qiskit"}, f"transpiler_info {result.transpiler_info}")
    expect(result.mitigation_info == {"ro_error_mitigation": "pseudo_inverse"}, f"mitigation_info {result.mitigation_info}")


@suite.check("OqtopusClient.run_sampling[invalid program]")
def _():
    result = client.run_sampling(OqtopusJobSpec.sampling(device_id=SIM, program=INVALID_QASM, shots=10, name=name("invalid")), **FAST)
    expect(result.status == rest.JobsJobStatus.FAILED, f"an invalid program gave {result.status}")
    expect(bool(result.message), "a failed job carries job_info.message")
    expect(result.get_counts() == {}, f"counts of a failed job {result.get_counts()}")


@suite.check("OqtopusClient.run_sampling[wrong job type]")
def _():
    expect_error(lambda: client.run_sampling(OqtopusJobSpec.sse(device_id=SIM, program=SSE_SCRIPT), **FAST), ValueError)


@suite.check("OqtopusClient.run_sampling[unknown device]")
def _():
    # The spec documents 400 and 404 for POST /jobs/{job_id}/submit; either refuses the unknown device.
    error = expect_error(lambda: client.run_sampling(OqtopusJobSpec.sampling(device_id="no-such-device", program=BELL), **FAST), UserApiError)
    expect(error.status_code in (400, 404) and error.message, f"{error.status_code}: {error.message}")


@suite.check("OqtopusClient.run_estimation")
def estimated():
    result = client.run_estimation(OqtopusJobSpec.estimation(
        device_id=SIM, program=BELL_STATE, shots=SHOTS, name=name("zz"), operator=[OqtopusEstimationOperator("Z 0 Z 1", 1.0)]), **FAST)
    expect(isinstance(result, OqtopusEstimationJobResult) and result.status == rest.JobsJobStatus.SUCCEEDED, f"{result.status}: {result.message}")
    expect(close(result.exp_value, 1.0), f"<Z0 Z1> on a Bell state is 1, got {result.exp_value}")
    expect(result.is_estimation() and result.sampling is None, "is_estimation / sampling")
    expect(result.job_info.input.operator == [rest.JobsS3OperatorItem(pauli="Z 0 Z 1", coeff=1.0)], f"input {result.job_info.input}")
    return result


@suite.check("OqtopusClient.run_estimation[<X> on |+>]")
def _():
    result = client.run_estimation(OqtopusJobSpec.estimation(
        device_id=SIM, program=PLUS_STATE, shots=SHOTS, name=name("x"), operator=[{"pauli": "X 0", "coeff": 1.0}]), **FAST)
    expect(close(result.exp_value, 1.0), f"<X> on |+> is 1, got {result.exp_value}")


@suite.check("OqtopusClient.run_estimation[weighted sum]")
def _():
    # On (|00> + |11>)/sqrt(2): <ZZ> = <XX> = 1 and <YY> = -1, so 0.5 + 0.25 + 0.75 = 1.5.
    operator = [OqtopusEstimationOperator("Z 0 Z 1", 0.5), OqtopusEstimationOperator("X 0 X 1", 0.25), OqtopusEstimationOperator("Y 0 Y 1", -0.75)]
    result = client.run_estimation(OqtopusJobSpec.estimation(device_id=SIM, program=BELL_STATE, shots=SHOTS, name=name("sum"), operator=operator), **FAST)
    expect(close(result.exp_value, 1.5), f"0.5 ZZ + 0.25 XX - 0.75 YY on a Bell state is 1.5, got {result.exp_value}")


@suite.check("OqtopusClient.run_estimation[<Z> on |+>, shot noise]")
def _():
    result = client.run_estimation(OqtopusJobSpec.estimation(
        device_id=SIM, program=PLUS_STATE, shots=SHOTS, name=name("z"), operator=[OqtopusEstimationOperator("Z 0", 1.0)]), **FAST)
    expect(close(result.exp_value, 0.0, 0.15), f"<Z> on |+> is 0, got {result.exp_value}")
    expect(result.stds is not None and 0 < result.stds < 0.2, f"<Z> on |+> has shot noise (1/sqrt(shots) ~ 0.03), stds {result.stds}")


@suite.check("OqtopusEstimationJobResult.get_exp_value")
def _():
    expect(estimated.get_exp_value() == estimated.exp_value, "get_exp_value differs from exp_value")


@suite.check("OqtopusEstimationJobResult.get_stds")
def _():
    stds = estimated.get_stds()
    expect(stds == estimated.stds and isinstance(stds, (int, float)) and close(stds, 0.0, 1e-6),
           f"ZZ on a Bell state has no variance, stds {stds}")


@suite.check("OqtopusClient.run_multi_manual")
def multi():
    result = client.run_multi_manual(OqtopusJobSpec.multi_manual(device_id=SIM, program=[BELL, X_ON_Q1], shots=SHOTS, name=name("mm")), **FAST)
    expect(isinstance(result, OqtopusMultiManualJobResult) and result.status == rest.JobsJobStatus.SUCCEEDED, f"{result.status}: {result.message}")
    expect(result.is_multi_manual(), "is_multi_manual")
    divided = result.sampling.divided_counts
    expect(set(divided) == {"0", "1"}, f"divided_counts keys {set(divided)}")
    expect_bell_counts(divided["0"])
    expect(divided["1"] == {"10": SHOTS}, f"program 1 (x on q[1]) must read 10 every shot, got {divided['1']}")
    expect(sum(result.get_counts().values()) == SHOTS, f"combined counts {result.get_counts()}")
    expect(result.job_info.combined_program is not None, "no combined_program for a multi-manual job")
    return result


@suite.check("OqtopusMultiManualJobResult.get_divided_counts")
def _():
    divided = multi.get_divided_counts()
    expect(set(divided) == {"0", "1"} and set(divided["0"]) <= {0, 3} and divided["1"] == {2: SHOTS}, f"{divided}")


@suite.check("OqtopusMultiManualJobResult.counts_with_integer_keys")
def _():
    converted = multi.counts_with_integer_keys()
    expect(converted["divided_counts"] == {0: multi.get_divided_counts()["0"], 1: multi.get_divided_counts()["1"]}, f"{converted}")
    expect(converted["counts"] == {int(k, 2): v for k, v in multi.get_counts().items()}, f"{converted}")


@suite.check("OqtopusClient.run_sse")
def sse():
    result = client.run_sse(OqtopusJobSpec.sse(device_id=SIM, program=SSE_SCRIPT, shots=1, name=name("sse")), **FAST)
    expect(isinstance(result, OqtopusSseJobResult) and result.status == rest.JobsJobStatus.SUCCEEDED, f"{result.status}: {result.message}")
    expect(result.is_sse() and result.job_info.input.sse_program == SSE_SCRIPT, f"input {result.job_info.input}")
    expect(isinstance(result.job_info.sse_log, str) and result.job_info.sse_log.startswith("http"), f"sse_log {result.job_info.sse_log!r}")
    return result


@suite.check("OqtopusClient.run_sse_file")
def _():
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder, "job.py")
        script.write_text(SSE_SCRIPT, encoding="utf-8")
        result = client.run_sse_file(file_path=script, device_id=SIM, name=name("sse-file"), **FAST)
        expect(result.status == rest.JobsJobStatus.SUCCEEDED and result.job_info.input.sse_program == SSE_SCRIPT, f"{result.status}")
        expect_error(lambda: client.run_sse_file(file_path=script, device_id=SIM, max_file_size=4), ValueError, contains="larger")
        expect_error(lambda: client.run_sse_file(file_path=Path(folder, "job.txt"), device_id=SIM), ValueError)


@suite.check("OqtopusClient.get_sselog")
def _():
    log = client.get_sselog(sse.job_id)
    expect(log.file_name == f"sselog_{sse.job_id}.log", f"file_name {log.file_name}")
    archive = base64.b64decode(log.file)
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        expect(len(zf.namelist()) == 1, f"sse_log zip entries {zf.namelist()}")


@suite.check("OqtopusClient.get_sselog[not an SSE job]")
def _():
    expect_error(lambda: client.get_sselog(JOB), ResponseValidationError, contains="SSE log")


@suite.check("OqtopusSseJobResult.download_log")
def _():
    archive = sse.download_log()
    expect(isinstance(archive, bytes) and zipfile.is_zipfile(io.BytesIO(archive)), "download_log returns no zip")
    with tempfile.TemporaryDirectory() as folder:
        path = sse.download_log(persist=True, save_dir=folder)
        expect(Path(path).name == f"sselog_{sse.job_id}.log" and Path(path).read_bytes() == archive, f"saved {path}")
        expect_error(lambda: sse.download_log(persist=True, save_dir=folder), ValueError, contains="exists")
    expect_error(lambda: sse.download_log(save_dir="."), ValueError)


@suite.check("OqtopusSseJobResult.read_log_text")
def _():
    text = sse.read_log_text()
    expect("=====" in text and len(text.split("\n", 1)) == 2 and text.split("\n", 1)[1].strip(), f"log text {text!r}")


@suite.check("OqtopusSseJobResult.show_log")
def _():
    printed = []
    text = sse.show_log(print_fn=printed.append)
    expect(printed == [text] and text == sse.read_log_text(), f"printed {printed!r}")


@suite.check("OqtopusSseJobResult.get_job_result")
def _():
    inner = sse.get_job_result()
    expect(isinstance(inner, OqtopusJobResult) and inner.job_id == sse.job_id and inner.status == sse.status, f"{inner}")


@suite.check("OqtopusClient.run_jobs_batch")
def _():
    specs = [OqtopusJobSpec.sampling(device_id=SIM, program=p, shots=100, name=name(f"batch-{i}")) for i, p in enumerate([BELL, X_ON_Q1, BELL])]
    results = client.run_jobs_batch(specs, submit_workers=2, wait_workers=2, **FAST)
    expect([r.name for r in results] == [s.name for s in specs], f"results out of order: {[r.name for r in results]}")
    expect(all(r.status == rest.JobsJobStatus.SUCCEEDED for r in results), f"{[r.status for r in results]}")
    expect(results[1].get_counts() == {"10": 100}, f"{results[1].get_counts()}")
    expect_bell_counts(results[0].get_counts(), 100)
    expect_error(lambda: client.run_jobs_batch(specs, submit_workers=0), ValueError)


@suite.check("OqtopusClient.submit_jobs")
def batch_ids():
    specs = [OqtopusJobSpec.sampling(device_id=SIM, program=X_ON_Q1, shots=10 + i, name=name(f"submit-jobs-{i}")) for i in range(3)]
    responses = client.submit_jobs(specs, max_workers=2)
    ids = [r.job_id for r in responses]
    expect(len(set(ids)) == 3, f"job ids {ids}")
    expect_error(lambda: client.submit_jobs(specs, max_workers=0), ValueError)
    return ids


@suite.check("OqtopusClient.wait_for_jobs")
def _():
    results = client.wait_for_jobs(batch_ids, max_workers=2, **FAST)
    expect([r.job_id for r in results] == batch_ids, "results out of order")
    expect([r.get_counts() for r in results] == [{"10": 10}, {"10": 11}, {"10": 12}], f"{[r.get_counts() for r in results]}")


@suite.check("OqtopusClient.submit_jobs_async")
async def async_ids():
    specs = [OqtopusJobSpec.sampling(device_id=SIM, program=BELL, shots=50, name=name(f"async-{i}")) for i in range(2)]
    responses = await client.submit_jobs_async(specs, max_workers=2)
    expect(len({r.job_id for r in responses}) == 2, f"{responses}")
    return [r.job_id for r in responses]


@suite.check("OqtopusClient.wait_for_jobs_async")
async def _():
    results = await client.wait_for_jobs_async(async_ids, max_workers=2, **FAST)
    expect([r.job_id for r in results] == async_ids and all(sum(r.get_counts().values()) == 50 for r in results), f"{results}")


# ---- list, cancel, delete ----------------------------------------------------------------------

@suite.check("OqtopusClient.list_jobs")
def _():
    jobs = client.list_jobs(q=RUN, size=1000)
    expect(all(isinstance(j, rest.JobsJob) for j in jobs) and JOB in {j.job_id for j in jobs}, f"{JOB} not listed")
    expect(len(client.list_jobs(q=RUN)) == min(10, len(jobs)), "the default page size is 10")


@suite.check("OqtopusClient.list_jobs[q]")
def _():
    jobs = client.list_jobs(q=f"conformance-{RUN}-batch", size=100)
    expect(sorted(j.name for j in jobs) == [name(f"batch-{i}") for i in range(3)], f"q matched {[j.name for j in jobs]}")


@suite.check("OqtopusClient.list_jobs[status]")
def _():
    failed = client.list_jobs(status=rest.JobsJobStatus.FAILED, q=RUN, size=100)
    expect([j.name for j in failed] == [name("invalid")], f"failed jobs {[j.name for j in failed]}")


@suite.check("OqtopusClient.list_jobs[page, size, order]")
def _():
    # Registered one after another, so their creation times are strictly ordered.
    ids = []
    for i in range(3):
        ids.append(client.submit_job(OqtopusJobSpec.sampling(device_id=SIM, program=X_ON_Q1, shots=1, name=name(f"order-{i}"))).job_id)
        time.sleep(0.01)
    asc = [j.job_id for j in client.list_jobs(q=f"conformance-{RUN}-order", order="ASC", size=100)]
    desc = [j.job_id for j in client.list_jobs(q=f"conformance-{RUN}-order", order="DESC", size=100)]
    expect(asc == ids and desc == ids[::-1], f"registered {ids}, ASC {asc}, DESC {desc}")
    pages = [[j.job_id for j in client.list_jobs(q=f"conformance-{RUN}-order", order="ASC", size=2, page=p)] for p in (1, 2)]
    expect(pages == [ids[:2], ids[2:]], f"pages {pages}, all {ids}")
    # "If requested page number exceeds number of all pages last page is returned" (the spec).
    beyond = [j.job_id for j in client.list_jobs(q=f"conformance-{RUN}-order", order="ASC", size=2, page=99)]
    expect(beyond == ids[2:], f"page 99 of 2 gave {beyond}")


@suite.check("OqtopusClient.list_jobs[fields]")
def _():
    jobs = client.list_jobs(q=JOB, fields="job_id,status,name")
    expect(len(jobs) == 1 and jobs[0].job_id == JOB and jobs[0].status == rest.JobsJobStatus.SUCCEEDED, f"{jobs}")
    expect(jobs[0].device_id is None and jobs[0].job_info is None and jobs[0].shots is None, f"unrequested fields came back: {jobs[0]}")


@suite.check("OqtopusClient.list_jobs[start_time, end_time]")
def _():
    now = datetime.now(timezone.utc)
    recent = {j.job_id for j in client.list_jobs(q=RUN, start_time=now - timedelta(hours=1), end_time=now + timedelta(minutes=1), size=100)}
    expect(JOB in recent, f"JOB not within the last hour: {len(recent)} jobs")
    future = client.list_jobs(q=RUN, start_time=now + timedelta(hours=1))
    past = client.list_jobs(q=RUN, end_time=now - timedelta(days=1))
    expect(future == [] and past == [], f"future {future}, past {past}")


OFFLINE = next((d.device_id for d in DEVICES if d.status == "unavailable"), None)


@suite.check("OqtopusClient.wait_for_job[timeout]")
def waiting():
    # Jobs for an unavailable device stay submitted: the wait must end with the client's TimeoutError.
    expect(OFFLINE is not None, "no unavailable device to keep a job waiting")
    job_id = client.submit_job(OqtopusJobSpec.sampling(device_id=OFFLINE, program=BELL, shots=10, name=name("waiting"))).job_id
    expect_error(lambda: client.wait_for_job(job_id, interval=0.05, timeout=0.5), TimeoutError, contains=job_id)
    expect(client.status(job_id) == rest.JobsJobStatus.SUBMITTED, f"status {client.status(job_id)}")
    return job_id


@suite.check("OqtopusClient.delete_job[active job]")
def _():
    # "submitted, ready and running jobs must be cancelled before deletion" (the spec).
    expect_api_error(lambda: client.delete_job(waiting), 400)
    expect(client.status(waiting) == rest.JobsJobStatus.SUBMITTED, "the refused deletion changed the job")


@suite.check("OqtopusClient.cancel_job")
def _():
    # The waiting job, not one on the simulator: that one may finish (150 ms in the emulator) before the cancel lands.
    response = client.cancel_job(waiting)
    expect(isinstance(response, rest.SuccessSuccessResponse) and response.message, f"{response}")
    expect(client.wait_for_job(waiting, **FAST).status == rest.JobsJobStatus.CANCELLED, f"{client.status(waiting)}")
    expect(bool(client.delete_job(waiting).message), "a cancelled job can be deleted")


@suite.check("OqtopusClient.cancel_job[finished job]")
def _():
    expect_api_error(lambda: client.cancel_job(JOB), 400)


@suite.check("OqtopusClient.delete_job")
def _():
    job_id = client.run_sampling(OqtopusJobSpec.sampling(device_id=SIM, program=BELL, shots=10, name=name("delete")), **FAST).job_id
    response = client.delete_job(job_id)
    expect(isinstance(response, rest.SuccessSuccessResponse) and response.message, f"{response}")
    expect_api_error(lambda: client.get_job(job_id), 404)
    expect_api_error(lambda: client.delete_job(job_id), 404)


@suite.check("OqtopusClient.get_job[registered]")
def _():
    # A registered job (POST /jobs without upload and submit) has job_id and status only; the client refuses it.
    async def register():
        async with rest.ApiClient(rest.Configuration(host=BASE)) as api:
            api.set_default_header("q-api-token", DEMO_TOKEN)
            return await rest.JobApi(api).register_job_id()
    job_id = asyncio.run(register()).job_id
    expect(client.status(job_id) == rest.JobsJobStatus.REGISTERED, f"status {client.status(job_id)}")
    expect_error(lambda: client.get_job(job_id), ResponseValidationError, contains="registered")


# ---- account ------------------------------------------------------------------------------------

@suite.check("OqtopusClient.get_api_token_status")
def _():
    status = client.get_api_token_status()
    expect(isinstance(status, rest.ApiTokenApiTokenStatus), f"{status}")
    expect(status.api_token_expiration is not None and status.api_token_expiration > datetime.now(timezone.utc),
           f"the demo token expires {status.api_token_expiration}")


@suite.check("OqtopusClient.get_api_token")
def _():
    expect(client.get_api_token() == client.get_api_token_status(), "get_api_token differs from get_api_token_status")


@suite.check("OqtopusClient.get_announcements_list")
def announcements():
    listed = client.get_announcements_list()
    expect(isinstance(listed, rest.AnnouncementsGetAnnouncementsListResponse) and listed.announcements, f"{listed}")
    for a in listed.announcements:
        expect(a.title and a.content and a.start_time <= a.end_time and isinstance(a.publishable, bool), f"{a}")
    return listed.announcements


@suite.check("OqtopusClient.get_announcement")
def _():
    first = announcements[0]
    expect(client.get_announcement(first.id) == first, f"get_announcement({first.id}) differs from the list")


@suite.check("OqtopusClient.get_announcement[unknown]")
def _():
    expect_api_error(lambda: client.get_announcement(987654321), 404)


async def with_rest_api(token: str, url: str, call):
    """Runs ``call(api_client)`` on the client's generated REST layer, authenticated as the client is."""
    async with rest.ApiClient(rest.Configuration(host=url)) as api:
        api.set_default_header("q-api-token", token)
        return await call(api)


@suite.check("UsersApi.get_current_user")
def current_user():
    user = asyncio.run(with_rest_api(DEMO_TOKEN, BASE, lambda api: UsersApi(api).get_current_user()))
    expect(isinstance(user, rest.UsersGetOneUserResponse) and user.id and user.email and "@" in user.email, f"{user}")
    expect(isinstance(user.created_at, datetime) and isinstance(user.login_events, list), f"{user}")
    return user


@suite.check("UsersApi.update_current_user")
def _():
    request = rest.UsersUpdateUserRequest(name=f"Conformance {RUN}", organization="Qonduit conformance")
    updated = asyncio.run(with_rest_api(DEMO_TOKEN, BASE, lambda api: UsersApi(api).update_current_user(request)))
    expect(updated.name == request.name and updated.organization == request.organization, f"{updated}")
    expect(updated.id == current_user.id and updated.email == current_user.email, f"{updated}")
    again = asyncio.run(with_rest_api(DEMO_TOKEN, BASE, lambda api: UsersApi(api).get_current_user()))
    expect(again.name == request.name, f"the update did not persist: {again}")


@suite.check("SettingsApi.get_current_settings")
def _():
    settings = asyncio.run(with_rest_api(DEMO_TOKEN, BASE, lambda api: SettingsApi(api).get_current_settings()))
    expect(isinstance(settings, rest.SettingsGetSettingsResponse), f"{settings}")
    expect(set(settings.editable_fields) <= {"name", "organization"} and isinstance(settings.allow_deletion, bool), f"{settings}")
    expect(set(settings.visible_fields) <= {"id", "name", "email", "organization", "created_at"}, f"{settings}")


# ---- module helpers -----------------------------------------------------------------------------

@suite.check("bitstring_to_int")
def _():
    expect(bitstring_to_int("0101") == 5 and bitstring_to_int("0b11") == 3 and bitstring_to_int("1_0") == 2, "conversions")
    expect_error(lambda: bitstring_to_int("012"), ValueError)


@suite.check("bitstring_dict_to_int_keys")
def _():
    expect(bitstring_dict_to_int_keys({"00": 1, "11": 2}) == {0: 1, 3: 2} and bitstring_dict_to_int_keys(None) == {}, "conversion")


@suite.check("convert_sampling_counts_to_int_keys")
def _():
    converted = convert_sampling_counts_to_int_keys(multi.sampling)
    expect(converted["divided_counts"] == {int(k): v for k, v in multi.get_divided_counts().items()}, f"{converted}")
    expect(sum(converted["counts"].values()) == SHOTS, f"{converted['counts']}")


# ---- destructive, on a private emulator ----------------------------------------------------------

@suite.check("OqtopusClient.create_api_token")
def _():
    # The client's docstring: "A client authenticated with a Q-API-Token can no longer mint a new
    # token (the server responds with HTTP 403)"; it warns DeprecationWarning first. On a private
    # emulator: an emulator that mints one instead replaces the demo token.
    with private_emulator() as private_url, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        expect_api_error(OqtopusClient(config(url=private_url + "/oqtopus")).create_api_token, 403)
    expect(any(issubclass(w.category, DeprecationWarning) for w in caught), f"no DeprecationWarning: {caught}")


@suite.check("UsersApi.delete_current_user")
def _():
    # 204 without a body: the generated API returns None; the user (and its token) are gone after.
    with private_emulator() as private_url:
        private = private_url + "/oqtopus"
        gone = asyncio.run(with_rest_api(DEMO_TOKEN, private, lambda api: UsersApi(api).delete_current_user()))
        expect(gone is None, f"{gone!r}")
        expect_error(lambda: asyncio.run(with_rest_api(DEMO_TOKEN, private, lambda api: UsersApi(api).get_current_user())), rest.ApiException)


@suite.check("OqtopusClient.delete_api_token")
def _():
    with private_emulator() as private_url:
        private = OqtopusClient(config(url=private_url + "/oqtopus"))
        expect(private.get_api_token_status().api_token_expiration is not None, "the private emulator's token has no status")
        expect(private.delete_api_token() is None, "delete_api_token returns None")
        expect_api_error(private.list_devices, 401)


suite.finish()
