"""OQC's async SDK ``oqc-qcaas-sdk`` 0.1.24 against the emulator's /oqc.

One check per call of the SDK's API document (docs.oqc.app/qcaas-sdk ``api.html``: OqcSdk, Job,
CompositeJob, JobState, JobOutput / JobResult / JobError, JobOutputProxy / AttrPolicy,
dataarray_utils, JobLike, the snapshot models, JobFailed), plus the proxy helpers the SDK's other
pages document (``results()``, ``errors()``, ``all()``, ``first`` / ``last`` / ``one``). Every
check looks at what came back and, where the SDK talks to the server, at what the emulator holds
(task status read straight from the emulator's REST API). All checks run inside one event loop.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import tempfile
import uuid
import warnings
from pathlib import Path

import httpx
from compiler_config.config import CompilerConfig, QuantumResultsFormat

from harness import Suite, aexpect_error, emulator_url, expect, expect_error

from oqc_qcaas_sdk import (
    CompositeJob,
    CompositeJobSnapshot,
    Endianness,
    Job,
    JobFailed,
    JobLike,
    JobSnapshot,
    JobState,
    OqcSdk,
    bits,
)
from oqc_qcaas_sdk.dataarray_utils import filter_counts_dataarray, results_to_counts_dataarray
from oqc_qcaas_sdk.exceptions import ServerException
from oqc_qcaas_sdk.job_output import JobError, JobOutput, JobResult
from oqc_qcaas_sdk.job_output_proxy import AttrPolicy, JobOutputProxy
from oqc_qcaas_sdk.job_snapshot import JobErrorSnapshot, JobOutputSnapshot, JobResultSnapshot

import logging

import oqc_qcaas_sdk._transport as _transport


async def _no_status_page() -> None:
    """Stands in for the SDK's check of OQC's public status page."""


# When initialisation fails, and on every 408/429/5xx reply, the SDK asks https://8k092cbrtfdc.statuspage.io
# (_transport.check_status_page); the suites talk only to the loopback emulator, so that lookup is replaced.
_transport.check_status_page = _no_status_page
# The SDK logs a failed initialisation with its traceback (logger.exception); the check below provokes one.
logging.getLogger("oqc_qcaas_sdk").setLevel(logging.CRITICAL)

suite = Suite("oqc_sdk")
URL = emulator_url() + "/oqc"

# The emulator's seeded demo account (OqcEmulatorState, printed in the emulator's banner).
TOKEN = "oqc-demo-token"
EMAIL = "demo@qonduit.io"
PASSWORD = "demo-password"
LUCY = "qpu:uk:2:d865b5a184"  # always-on 8-qubit simulator, no windows
TOSHIKO = "qpu:jp:3:673b1ad43c"  # 32 qubits, Maximum Shots 100000, windows every 6 h
INACTIVE = "qpu:uk:3:9829a5504f"  # inactive: filtered out by the SDK
DEFAULT_SHOTS = 1000  # the SDK's default CompilerConfig (client.py _build_task_dict: repeats=1000)
TIMEOUT = 20.0  # per execute / wait; the emulator finishes a task in about 150 ms


def qasm(qubits: int, body: str = "") -> str:
    return f'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[{qubits}];\ncreg c[{qubits}];\n{body}measure q->c;\n'


BELL = qasm(2, "h q[0];\ncx q[0],q[1];\n")
ONES = qasm(2, "x q[0];\nx q[1];\n")  # always "11"
ZEROS = qasm(2)  # always "00"
FIRST_OF_THREE = qasm(3, "x q[0];\n")  # always "100": OQC bitstrings are big-endian, c[0] leftmost
HEAVY = qasm(8, "".join(f"h q[{i}];\n" for i in range(8)))  # 256 equally likely outcomes
NINE = qasm(9)  # more qubits than Lucy's 8: the task FAILS at the server


def counts_config(shots: int) -> CompilerConfig:
    return CompilerConfig(repeats=shots, results_format=QuantumResultsFormat().binary_count())


def slow_job(sdk: OqcSdk) -> Job:
    """A job that stays in flight for about half a second (3 000 000 shots over 256 outcomes), so a cancel
    sent right after the submission reaches it before it finishes (the emulator's cancel wins while queued
    or running)."""
    return sdk.create_job(program=HEAVY, qpu_id=LUCY, config=counts_config(3_000_000))


def qpu_url(qpu_id: str) -> str:
    """The QPU's own URL as the emulator's /admin/qpu advertises it."""
    qpus = httpx.get(f"{URL}/admin/qpu", headers={"Authentication-Token": TOKEN}).json()["items"]
    return next(q["url"] for q in qpus if q["id"] == qpu_id)


def server_status(task_id, qpu_id: str = LUCY) -> str:
    """The task's status as the emulator holds it, read over its REST API, not through the SDK."""
    reply = httpx.get(f"{qpu_url(qpu_id)}/tasks/{task_id}/status", headers={"Authentication-Token": TOKEN})
    reply.raise_for_status()
    return reply.json()["status"]


def lst(values) -> list:
    """A scipp array's values as plain Python lists (string views have no tolist())."""
    return values.tolist() if hasattr(values, "tolist") else list(values)


def counts_of(job_or_result) -> dict:
    result = job_or_result.result if isinstance(job_or_result, Job) else job_or_result
    expect(result is not None, f"no result: {job_or_result!r}")
    return dict(result.data["c"])


async def main() -> None:  # noqa: C901, PLR0915 - one check after another, in document order
    check = suite.acheck
    tmp = Path(tempfile.mkdtemp(prefix="oqc_sdk_"))
    sdk = OqcSdk(URL, authentication_token=TOKEN)
    shared: dict = {}

    # ---------------------------------------------------------------- client, construction and auth
    async def init_token():
        expect(sdk.url == URL, f"url {sdk.url!r}")
        expect("initialized=False" in repr(sdk), f"repr before opening: {sdk!r}")
        expect(sdk.default_qpu_id is None, f"default_qpu_id {sdk.default_qpu_id!r}")

    await check("OqcSdk.__init__[authentication_token]", init_token)

    async def aenter():
        entered = await sdk.__aenter__()
        expect(entered is sdk, "async with must yield the SDK itself")
        expect("initialized=True" in repr(sdk), f"repr after entering: {sdk!r}")
        expect(sdk._client.server_version == "3.21.0-qonduit-emulator", f"server version {sdk._client.server_version!r}")

    await check("OqcSdk.__aenter__", aenter)

    async def init_login():
        async with OqcSdk(URL, email=EMAIL, password=PASSWORD) as other:
            ids = {q["id"] for q in await other.list_qpus()}
            expect(ids == {LUCY, TOSHIKO}, f"QPUs seen after e-mail login: {ids}")
            token = other._client._credential._token
            expect(token is not None and token.startswith("oqc-") and token != TOKEN, f"token from /admin/login: {token!r}")
            job = other.create_job(program=ZEROS, qpu_id=LUCY)
            await job.execute(timeout_s=TIMEOUT)
            expect(counts_of(job) == {"00": DEFAULT_SHOTS}, f"counts {job.result and job.result.data}")

    await check("OqcSdk.__init__[email/password]", init_login)

    async def init_bad_password():
        async with OqcSdk(URL, email=EMAIL, password="wrong-password") as other:
            expect(other._client.is_client_initialized is False, "a failed login must leave the SDK's client uninitialised")
            expect(await other.get_features(qpu_id=LUCY) is None, "an uninitialised client answers None (client_initialized_decorator)")
            error = await aexpect_error(other.list_qpus(), ServerException, contains="Invalid email or password")
            expect(error.server_error_code == 400, f"code {error.server_error_code}")

    await check("OqcSdk.__init__[wrong password]", init_bad_password)

    async def init_bad_token():
        async with OqcSdk(URL, authentication_token="not-a-token") as other:
            expect(other._client.is_client_initialized is False, "an unknown token must leave the client uninitialised")
            error = await aexpect_error(other.list_qpus(), ServerException, contains="Authentication Error")
            expect(error.server_error_code == 401, f"code {error.server_error_code}")

    await check("OqcSdk.__init__[unknown token]", init_bad_token)

    async def init_invalid_combinations():
        expect_error(lambda: OqcSdk(URL, email=EMAIL), ValueError, contains="Both email and password")
        expect_error(lambda: OqcSdk(URL, authentication_token=TOKEN, email=EMAIL, password=PASSWORD), ValueError, contains="mutually exclusive")
        expect_error(lambda: OqcSdk("ftp://127.0.0.1/oqc", authentication_token=TOKEN), ValueError, contains="valid url")

    await check("OqcSdk.__init__[invalid arguments]", init_invalid_combinations)

    # The API document lists auto_authenticate=True; the SDK's own OqcSdk.__init__ (client.py) does not take it.
    try:
        OqcSdk(URL, authentication_token=TOKEN, auto_authenticate=True)
    except TypeError as error:
        suite.skip(
            "OqcSdk.__init__[auto_authenticate]",
            f"the SDK itself lacks the documented parameter: {error} (oqc-qcaas-sdk 0.1.24 client.py OqcSdk.__init__"
            "(url, authentication_token, email, password, credential, default_qpu_id)); raised before any request",
        )
    else:

        async def init_auto_authenticate():
            raise AssertionError("auto_authenticate is accepted now: replace this check with one that drives it")

        await check("OqcSdk.__init__[auto_authenticate]", init_auto_authenticate)

    async def init_default_qpu():
        other = OqcSdk(URL, authentication_token=TOKEN, default_qpu_id=TOSHIKO)
        expect(other.default_qpu_id == TOSHIKO, f"default_qpu_id {other.default_qpu_id!r}")
        expect(f"default_qpu={TOSHIKO!r}" in repr(other), repr(other))

    await check("OqcSdk.__init__[default_qpu_id]", init_default_qpu)

    async def open_():
        other = OqcSdk(URL, authentication_token=TOKEN)
        opened = await other.open()
        try:
            expect(opened is other, "open() must return the SDK itself")
            expect("initialized=True" in repr(other), repr(other))
            features = await other.get_features(qpu_id=LUCY)
            expect(features.get("qubit_count") == 8, f"features through an opened SDK: {features}")
        finally:
            await other.close()
        shared["closed"] = other

    await check("OqcSdk.open", open_)

    async def close():
        other = shared["closed"]
        expect(other._client._client.is_closed, "close() must release the HTTP client")
        never_opened = OqcSdk(URL, authentication_token=TOKEN)
        await never_opened.close()  # documented as safe
        expect(never_opened._client._client is None, "an SDK never opened has no HTTP client")

    await check("OqcSdk.close", close)

    async def default_qpu_id():
        expect(sdk.default_qpu_id is None, f"unset default: {sdk.default_qpu_id!r}")
        expect_error(lambda: sdk.create_job(program=BELL), ValueError, contains="No QPU specified")

    await check("OqcSdk.default_qpu_id", default_qpu_id)

    async def set_default_qpu():
        sdk.set_default_qpu(LUCY)
        expect(sdk.default_qpu_id == LUCY, f"default_qpu_id {sdk.default_qpu_id!r}")
        job = sdk.create_job(program=ZEROS)
        expect(job.qpu_id == LUCY, f"job qpu {job.qpu_id!r}")
        features = await sdk.get_features()
        expect(features == {"always_on": True, "qubit_count": 8, "simulator": True}, f"default QPU features {features}")

    await check("OqcSdk.set_default_qpu", set_default_qpu)

    # ---------------------------------------------------------------- QPU queries
    async def list_qpus():
        qpus = await sdk.list_qpus()
        by_id = {q["id"]: q for q in qpus}
        expect(set(by_id) == {LUCY, TOSHIKO}, f"active QPUs {sorted(by_id)} (the inactive {INACTIVE} must be filtered out)")
        lucy = by_id[LUCY]
        expect(lucy["active"] is True and lucy["status"] == "ACTIVE", f"{lucy}")
        expect(isinstance(lucy["feature_set"], str) and json.loads(lucy["feature_set"])["qubit_count"] == 8, f"feature_set {lucy['feature_set']!r}")
        expect(lucy["url"].startswith(URL + "/qpu/"), f"QPU url {lucy['url']}")

    await check("OqcSdk.list_qpus", list_qpus)

    async def get_features():
        features = await sdk.get_features(qpu_id=TOSHIKO)
        expect(features.get("Maximum Shots") == 100000, f"features {features}")
        expect(features.get("qubit_count") == 32, f"features {features}")

    await check("OqcSdk.get_features", get_features)

    async def status_one():
        status = await sdk.get_system_status(qpu_id=TOSHIKO)
        expect(isinstance(status, dict) and status.get("qpu_id") == TOSHIKO, f"status {status}")
        expect(status.get("status") == "ACTIVE", f"status {status}")

    await check("OqcSdk.get_system_status[qpu_id]", status_one)

    async def status_all():
        statuses = await sdk.get_system_status()
        expect(isinstance(statuses, list), f"every QPU's status must come as a list, got {statuses!r}")
        expect({s["qpu_id"] for s in statuses} == {LUCY, TOSHIKO}, f"statuses {statuses}")

    await check("OqcSdk.get_system_status[all QPUs]", status_all)

    today = dt.datetime.now(dt.timezone.utc).date()
    yesterday = today - dt.timedelta(days=1)

    async def calibration_latest():
        calibration = await sdk.get_calibration(qpu_id=TOSHIKO)
        expect(calibration.get("qpu_id") == TOSHIKO, f"calibration {calibration}")
        expect(calibration.get("date") == today.isoformat(), f"latest calibration date {calibration.get('date')}")
        expect(len(calibration.get("qubits", {})) == 8, f"qubits {list(calibration.get('qubits', {}))}")
        shared["calibration_today"] = calibration

    await check("OqcSdk.get_calibration[latest]", calibration_latest)

    async def calibration_date():
        by_date = await sdk.get_calibration(qpu_id=TOSHIKO, date_filter=yesterday)
        expect(by_date.get("date") == yesterday.isoformat(), f"date {by_date.get('date')}")
        expect(by_date["qubits"] != shared["calibration_today"]["qubits"], "the date filter must select another day's figures")
        shared["calibration_yesterday"] = by_date

    await check("OqcSdk.get_calibration[date]", calibration_date)

    async def calibration_datetime():
        moment = dt.datetime.combine(yesterday, dt.time(13, 45))
        by_datetime = await sdk.get_calibration(qpu_id=TOSHIKO, date_filter=moment)
        expect(by_datetime == shared["calibration_yesterday"], f"datetime filter {by_datetime.get('date')}")

    await check("OqcSdk.get_calibration[datetime]", calibration_datetime)

    async def calibration_string():
        by_string = await sdk.get_calibration(date_filter=yesterday.isoformat())  # default QPU (Lucy)
        expect(by_string.get("qpu_id") == LUCY and by_string.get("date") == yesterday.isoformat(), f"{by_string.get('qpu_id')} {by_string.get('date')}")

    await check("OqcSdk.get_calibration[YYYY-MM-DD string]", calibration_string)

    async def calibration_malformed():
        await aexpect_error(sdk.get_calibration(qpu_id=TOSHIKO, date_filter="01/12/2026"), ValueError, contains="YYYY-MM-DD")

    await check("OqcSdk.get_calibration[malformed string]", calibration_malformed)

    async def next_window():
        start = await sdk.get_next_window(qpu_id=TOSHIKO)
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        # What the emulator itself says (its windows/next, read directly): the SDK must parse exactly that.
        served = httpx.get(f"{qpu_url(TOSHIKO)}/windows/next", headers={"Authentication-Token": TOKEN}).json()
        expect(isinstance(start, dt.datetime), f"next window {start!r}")
        expect(start == dt.datetime.strptime(served["next_window"]["starting"], "%Y-%m-%dT%H:%M:%SZ"), f"{start} vs {served}")
        expect(start > now - dt.timedelta(hours=1), f"next window {start} vs now {now}")

    await check("OqcSdk.get_next_window", next_window)

    async def next_window_none():
        start = await sdk.get_next_window(qpu_id=LUCY)
        expect(start is None, f"an always-on QPU has no next window, got {start!r}")

    await check("OqcSdk.get_next_window[no window]", next_window_none)

    # ---------------------------------------------------------------- create_job
    async def create_single():
        job = sdk.create_job(program=BELL, qpu_id=TOSHIKO)
        expect(isinstance(job, Job), f"{type(job)}")
        expect(job.program == BELL and job.qpu_id == TOSHIKO and job.config is None, repr(job))
        expect(job.state == JobState.CREATED and job.task_id is None, repr(job))

    await check("OqcSdk.create_job[single]", create_single)

    async def create_programs():
        composite = sdk.create_job(program=[BELL, ONES, ZEROS], qpu_id=LUCY)
        expect(isinstance(composite, CompositeJob) and len(composite) == 3, repr(composite))
        expect([j.program for j in composite.jobs] == [BELL, ONES, ZEROS], "children must keep the program order")
        expect(all(j.qpu_id == LUCY for j in composite.jobs), "every child on the scalar QPU")

    await check("OqcSdk.create_job[program list]", create_programs)

    async def create_qpus():
        composite = sdk.create_job(program=BELL, qpu_id=[LUCY, TOSHIKO])
        expect([j.qpu_id for j in composite.jobs] == [LUCY, TOSHIKO], f"{[j.qpu_id for j in composite.jobs]}")
        expect(all(j.program == BELL for j in composite.jobs), "the scalar program is broadcast")

    await check("OqcSdk.create_job[qpu_id list]", create_qpus)

    async def create_configs():
        composite = sdk.create_job(program=ZEROS, config=[counts_config(10), counts_config(20)])  # default QPU
        expect([j.config.repeats for j in composite.jobs] == [10, 20], f"{[j.config.repeats for j in composite.jobs]}")
        expect(all(j.qpu_id == LUCY for j in composite.jobs), "the default QPU is used for every child")

    await check("OqcSdk.create_job[config list]", create_configs)

    async def create_mismatch():
        expect_error(lambda: sdk.create_job(program=[BELL, ONES, ZEROS], qpu_id=[LUCY, TOSHIKO]), ValueError, contains="Cannot broadcast")
        expect_error(lambda: sdk.create_job(program=[], qpu_id=LUCY), ValueError, contains="zero length")

    await check("OqcSdk.create_job[lengths that do not broadcast]", create_mismatch)

    # ---------------------------------------------------------------- Job: submit / refresh / wait
    async def job_init():
        job = Job(BELL, LUCY, counts_config(64), tag="conformance-tag", fetch_diagnostics=True, _client=sdk)
        await job.execute(timeout_s=TIMEOUT)
        expect(job.state == JobState.COMPLETED, repr(job))
        expect(sum(counts_of(job).values()) == 64, f"counts {job.result.data}")
        expect(job.metadata is not None and job.metadata.get("tag") == "conformance-tag", f"the tag must reach the server: metadata {job.metadata}")

    await check("Job.__init__", job_init)

    async def submit():
        job = sdk.create_job(program=BELL, qpu_id=LUCY)
        returned = await job.submit()
        expect(returned is job, "submit() returns the job")
        expect(isinstance(job.task_id, uuid.UUID), f"task_id {job.task_id!r}")
        expect(job.state == JobState.SUBMITTED, f"state {job.state}")
        expect(server_status(job.task_id) in ("SUBMITTED", "RUNNING", "COMPLETED"), "the emulator must hold the task")
        shared["submitted"] = job

    await check("Job.submit", submit)

    async def submit_rejected():
        job = sdk.create_job(program=BELL, qpu_id=LUCY, config=counts_config(0))  # repeats 0: refused with 400
        await job.submit()
        expect(job.state == JobState.FAILED and job.task_id is None, repr(job))
        expect(job.error is not None and job.error.error_code == 400, f"error {job.error!r}")
        expect("repeats" in job.error.error_message, f"message {job.error.error_message!r}")
        expect(len(job.history) == 1 and job.history.first is job.error, "the refusal is recorded in the history")

    await check("Job.submit[refused by the server]", submit_rejected)

    async def submit_inactive():
        job = sdk.create_job(program=BELL, qpu_id=INACTIVE)
        await aexpect_error(job.submit(), ValueError, contains=f"Invalid qpu_id: {INACTIVE}")
        expect(job.task_id is None and job.state == JobState.CREATED, "nothing was submitted")

    await check("Job.submit[inactive QPU]", submit_inactive)

    async def submit_too_large():
        tag = f"too-large-{uuid.uuid4()}"
        job = Job("// " + "x" * (128 * 1024) + "\n" + BELL, LUCY, tag=tag, _client=sdk)
        await aexpect_error(job.submit(), ValueError, contains="128KB limit")
        listed = httpx.get(f"{qpu_url(LUCY)}/tasks", headers={"Authentication-Token": TOKEN}).json()
        expect(job.task_id is None and not [t for t in listed if t["tag"] == tag], "the SDK refuses before sending: no such task at the emulator")

    await check("Job.submit[request over 128 KiB]", submit_too_large)

    async def refresh():
        job = shared["submitted"]
        seen = []
        for _ in range(400):
            await job.refresh()
            if not seen or seen[-1] != job.state:
                seen.append(job.state)
            if job.state == JobState.COMPLETED:
                break
            await asyncio.sleep(0.02)
        expect(seen[-1] == JobState.COMPLETED, f"states seen {seen}")
        expect(set(seen) <= {JobState.SUBMITTED, JobState.RUNNING, JobState.COMPLETED}, f"states seen {seen}")
        counts = counts_of(job)
        expect(set(counts) <= {"00", "11"} and sum(counts.values()) == DEFAULT_SHOTS, f"Bell counts {counts}")

    await check("Job.refresh", refresh)

    async def refresh_unsubmitted():
        await aexpect_error(sdk.create_job(program=BELL, qpu_id=LUCY).refresh(), RuntimeError, contains="not been submitted")

    await check("Job.refresh[not submitted]", refresh_unsubmitted)

    async def wait():
        job = sdk.create_job(program=FIRST_OF_THREE, qpu_id=LUCY, config=counts_config(50))
        await job.submit()
        returned = await job.wait(timeout_s=TIMEOUT)
        expect(returned is job and job.state == JobState.COMPLETED, repr(job))
        expect(counts_of(job) == {"100": 50}, f"x on q[0] must read '100' (big-endian, c[0] leftmost): {job.result.data}")
        expect(server_status(job.task_id) == "COMPLETED", "server status")

    await check("Job.wait", wait)

    async def wait_unsubmitted():
        job = sdk.create_job(program=ONES, qpu_id=LUCY, config=counts_config(5))
        await job.wait(timeout_s=TIMEOUT)  # submits a fresh job first
        expect(job.task_id is not None and counts_of(job) == {"11": 5}, repr(job))

    await check("Job.wait[not submitted]", wait_unsubmitted)

    async def wait_timeout():
        # A task that takes a while: 3 000 000 shots over 8 qubits in superposition (no Maximum Shots on Lucy).
        # The SDK polls at once, then after 0.2 s (wait_exponential(multiplier=0.2)), and gives up at the
        # first poll past the timeout.
        job = slow_job(sdk)
        await job.submit()
        await aexpect_error(job.wait(timeout_s=0.05), TimeoutError, contains=str(job.task_id))
        expect(not job.ended, f"the job is still in flight: {job.state}")
        await job.wait(timeout_s=TIMEOUT)
        expect(job.state == JobState.COMPLETED and sum(counts_of(job).values()) == 3_000_000, "the same task completes when waited for again")

    await check("Job.wait[timeout]", wait_timeout)

    # ---------------------------------------------------------------- Job: execute
    async def execute():
        job = sdk.create_job(program=BELL, qpu_id=LUCY, config=counts_config(200))
        outputs = await job.execute(timeout_s=TIMEOUT)
        expect(isinstance(outputs, JobOutputProxy) and len(outputs) == 1, repr(outputs))
        result = outputs.one
        expect(isinstance(result, JobResult) and result.task_id == job.task_id, repr(result))
        expect(result.qpu_id == LUCY and result.program == BELL, repr(result))
        expect(set(result.data["c"]) <= {"00", "11"} and sum(result.data["c"].values()) == 200, f"counts {result.data}")
        expect(outputs.data == result.data, "a single-item proxy forwards attributes")
        shared["executed"] = job

    await check("Job.execute", execute)

    async def execute_again():
        job = shared["executed"]
        first_id = job.task_id
        await job.execute(timeout_s=TIMEOUT)
        expect(job.task_id != first_id and job.state == JobState.COMPLETED, f"a finished job is reset and resubmitted: {first_id} -> {job.task_id}")
        expect(len(job.history) == 2, f"history {len(job.history)}")
        expect(server_status(first_id) == "COMPLETED" and server_status(job.task_id) == "COMPLETED", "both runs exist at the server")

    await check("Job.execute[again after a finished run]", execute_again)

    async def execute_resume():
        job = sdk.create_job(program=ONES, qpu_id=LUCY, config=counts_config(7))
        await job.submit()
        task_id = job.task_id
        await job.execute(timeout_s=TIMEOUT)
        expect(job.task_id == task_id, f"an active job is resumed, not resubmitted: {task_id} -> {job.task_id}")
        expect(counts_of(job) == {"11": 7} and len(job.history) == 1, repr(job))

    await check("Job.execute[resumes an active run]", execute_resume)

    async def execute_failed():
        job = sdk.create_job(program=NINE, qpu_id=LUCY)
        outputs = await job.execute(timeout_s=TIMEOUT)
        expect(job.state == JobState.FAILED and not job.completed, repr(job))
        error = outputs.one
        expect(isinstance(error, JobError) and error.error_code == 400, repr(error))
        expect("9 qubits" in error.error_message, f"message {error.error_message!r}")
        expect(server_status(job.task_id) == "FAILED", "server status")
        shared["failed"] = job

    await check("Job.execute[task fails at the server]", execute_failed)

    async def execute_max_shots():
        job = sdk.create_job(program=BELL, qpu_id=TOSHIKO, config=counts_config(100_001))
        await job.execute(timeout_s=TIMEOUT)
        expect(job.state == JobState.FAILED and "Maximum Shots" in job.error.error_message, repr(job))
        ok = sdk.create_job(program=ONES, qpu_id=TOSHIKO, config=counts_config(100_000))
        await ok.execute(timeout_s=TIMEOUT)
        expect(counts_of(ok) == {"11": 100_000}, f"exactly Maximum Shots runs: {ok!r}")

    await check("Job.execute[over Maximum Shots]", execute_max_shots)

    # ---------------------------------------------------------------- Job: properties
    async def state():
        expect(shared["executed"].state is JobState.COMPLETED, f"{shared['executed'].state}")
        expect(shared["failed"].state is JobState.FAILED, f"{shared['failed'].state}")
        expect(sdk.create_job(program=BELL, qpu_id=LUCY).state is JobState.CREATED, "fresh job")

    await check("Job.state", state)

    async def result():
        job = shared["executed"]
        expect(isinstance(job.result, JobResult) and job.result.task_id == job.task_id, repr(job.result))
        expect(shared["failed"].result is None, "a failed job has no result")

    await check("Job.result", result)

    async def error():
        job = shared["failed"]
        expect(isinstance(job.error, JobError) and job.error.task_id == job.task_id, repr(job.error))
        expect(shared["executed"].error is None, "a completed job has no error")

    await check("Job.error", error)

    async def completed():
        expect(shared["executed"].completed is True, "completed job")
        expect(shared["failed"].completed is False, "failed job")
        expect(sdk.create_job(program=BELL, qpu_id=LUCY).completed is False, "fresh job")

    await check("Job.completed", completed)

    async def outputs():
        fresh = sdk.create_job(program=BELL, qpu_id=LUCY)
        expect(len(fresh.outputs) == 0, "no outputs before a run")
        job = shared["executed"]
        expect(len(job.outputs) == 1 and job.outputs.one is job.result, "the latest run's result only")
        expect(shared["failed"].outputs.one is shared["failed"].error, "the latest run's error")

    await check("Job.outputs", outputs)

    async def history():
        job = shared["executed"]
        entries = job.history.all()
        expect(len(entries) == 2 and all(isinstance(e, JobResult) for e in entries), f"{entries}")
        expect(entries[-1] is job.result and entries[0].task_id != job.task_id, "oldest first, the current run last")
        expect(job.history.last is job.result and job.history.first is entries[0], "first = oldest, last = latest")

    await check("Job.history", history)

    async def diagnostics():
        job = sdk.create_job(program=BELL, qpu_id=LUCY, fetch_diagnostics=True)
        await job.execute(timeout_s=TIMEOUT)
        expect(job.timings is not None and set(job.timings) >= {"SERVER_RECEIVED", "RECEIVER_FROM_SCC"}, f"timings {job.timings}")
        expect(job.timings["SERVER_RECEIVED"].endswith("+00:00"), f"timings {job.timings}")
        expect(job.metrics == {"optimized_circuit": BELL, "optimized_instruction_count": 4}, f"metrics {job.metrics}")
        expect(job.metadata is not None and job.metadata["id"] == str(job.task_id) and job.metadata["qpu_id"] == LUCY, f"metadata {job.metadata}")
        expect(json.loads(job.metadata["config"])["$data"]["repeats"] == DEFAULT_SHOTS, "metadata echoes the submitted config")
        expect(job.result.timings == job.timings and job.result.metrics == job.metrics, "the run's output carries the diagnostics too")
        plain = shared["executed"]
        expect(plain.timings is None and plain.metrics is None and plain.metadata is None, "no diagnostics without fetch_diagnostics")
        shared["diagnosed"] = job

    await check("OqcSdk.create_job[fetch_diagnostics]", diagnostics)

    async def timings():
        expect(shared["diagnosed"].timings["SERVER_ENQUEUED"] <= shared["diagnosed"].timings["RECEIVER_FROM_SCC"], f"{shared['diagnosed'].timings}")

    await check("Job.timings", timings)

    async def metrics():
        expect(shared["diagnosed"].metrics["optimized_instruction_count"] == 4, f"{shared['diagnosed'].metrics}")

    await check("Job.metrics", metrics)

    async def metadata():
        meta = shared["diagnosed"].metadata
        expect(meta["created_at"].endswith("GMT") and meta["tag"] is None, f"{meta}")

    await check("Job.metadata", metadata)

    # ---------------------------------------------------------------- Job: cancel / raise / reconfigure
    async def cancel():
        job = slow_job(sdk)
        await job.submit()
        returned = await job.cancel()
        expect(returned is job and job.state == JobState.CANCELLED, repr(job))
        expect(server_status(job.task_id) == "CANCELLED", "the emulator must have cancelled the task")
        await job.refresh()
        expect(job.state == JobState.CANCELLED and job.result is None and len(job.history) == 0, repr(job))

    await check("Job.cancel", cancel)

    async def cancel_unsubmitted():
        job = sdk.create_job(program=BELL, qpu_id=LUCY)
        expect(await job.cancel() is job and job.state == JobState.CREATED, "nothing to cancel before a submission")

    await check("Job.cancel[not submitted]", cancel_unsubmitted)

    async def cancel_if_active():
        job = slow_job(sdk)
        await job.submit()
        returned = await job.cancel_if_active()
        expect(returned is job and job.state == JobState.CANCELLED, repr(job))
        expect(server_status(job.task_id) == "CANCELLED", "the emulator must have cancelled the task")

    await check("Job.cancel_if_active", cancel_if_active)

    async def cancel_if_active_terminal():
        job = shared["executed"]
        await job.cancel_if_active()
        expect(job.state == JobState.COMPLETED and job.completed, "a finished job is left alone")
        expect(server_status(job.task_id) == "COMPLETED", "server status")

    await check("Job.cancel_if_active[finished]", cancel_if_active_terminal)

    async def raise_for_status_failed():
        job = shared["failed"]
        error = expect_error(job.raise_for_status, JobFailed)
        expect(error.task_id == str(job.task_id) and error.qpu_id == LUCY and error.code == 400, repr(error))
        expect("9 qubits" in (error.details or ""), repr(error))

    await check("Job.raise_for_status[failed]", raise_for_status_failed)

    async def raise_for_status_ok():
        expect(shared["executed"].raise_for_status() is None, "no exception for a completed job")

    await check("Job.raise_for_status[completed]", raise_for_status_ok)

    async def reconfigure_kwargs():
        job = sdk.create_job(program=BELL, qpu_id=LUCY, config=counts_config(30))
        await job.execute(timeout_s=TIMEOUT)
        first_id = job.task_id
        job.reconfigure(program=ONES)
        expect(job.task_id is None and job.state == JobState.CREATED and job.program == ONES, repr(job))
        await job.execute(timeout_s=TIMEOUT)
        expect(counts_of(job) == {"11": 30} and job.task_id != first_id, f"the new program ran: {job.result.data}")
        expect(len(job.history) == 2 and job.history.first.program == BELL, "the earlier run stays in the history")
        shared["reconfigured"] = job

    await check("Job.reconfigure", reconfigure_kwargs)

    async def reconfigure_memento():
        job = shared["reconfigured"]
        job.reconfigure(memento=job.history.first)
        expect(job.program == BELL and job.config.repeats == 30 and job.task_id is None, repr(job))
        await job.execute(timeout_s=TIMEOUT)
        counts = counts_of(job)
        expect(set(counts) <= {"00", "11"} and sum(counts.values()) == 30 and len(job.history) == 3, f"{counts}")

    await check("Job.reconfigure[memento]", reconfigure_memento)

    async def reconfigure_unknown():
        job = shared["reconfigured"]
        task_id, program = job.task_id, job.program
        expect_error(lambda: job.reconfigure(program=ZEROS, no_such_field=1), AttributeError, contains="no_such_field")
        expect(job.task_id == task_id and job.program == program and job.state == JobState.COMPLETED, "a failed reconfigure changes nothing")

    await check("Job.reconfigure[unknown attribute]", reconfigure_unknown)

    # ---------------------------------------------------------------- Job: snapshots
    async def job_to_snapshot():
        job = shared["reconfigured"]
        snap = job.to_snapshot()
        expect(isinstance(snap, JobSnapshot) and snap.snapshot_kind == "job" and snap.schema_version == "1", repr(snap)[:200])
        expect(snap.program == BELL and snap.qpu_id == LUCY and snap.task_id == job.task_id and snap.state == "COMPLETED", repr(snap)[:300])
        expect(snap.result is not None and snap.result.data == job.result.data, "latest result")
        expect([h.task_id for h in snap.history] == [h.task_id for h in job.history], "history, oldest first")
        expect(CompilerConfig.create_from_json(snap.config_json).repeats == 30, "config")

    await check("Job.to_snapshot", job_to_snapshot)

    async def job_save():
        path = tmp / "job.json"
        shared["failed"].save(path)
        saved = json.loads(path.read_text())
        expect(saved["snapshot_kind"] == "job" and saved["schema_version"] == "1", f"{list(saved)}")
        expect(saved["state"] == "FAILED" and saved["error"]["error_code"] == 400 and saved["error"]["kind"] == "error", f"{saved['error']}")
        expect(saved["task_id"] == str(shared["failed"].task_id), "task id")
        shared["job_file"] = path

    await check("Job.save", job_save)

    async def load_job():
        job = sdk.load(shared["job_file"])
        original = shared["failed"]
        expect(isinstance(job, Job) and job.task_id == original.task_id and job.state == JobState.FAILED, repr(job))
        expect(job.error.error_code == 400 and job.error.error_message == original.error.error_message, repr(job.error))
        await job.refresh()  # the live client is attached: the emulator still knows the task
        expect(job.state == JobState.FAILED and "9 qubits" in job.error.error_message, repr(job))

    await check("OqcSdk.load[job]", load_job)

    async def from_snapshot_job():
        original = shared["reconfigured"]
        job = sdk.from_snapshot(original.to_snapshot())
        expect(isinstance(job, Job) and job.task_id == original.task_id and job.result.data == original.result.data, repr(job))
        expect(len(job.history) == 3 and job.history.first.program == BELL, "history restored")
        await job.execute(timeout_s=TIMEOUT)  # a restored finished job runs again
        expect(job.task_id != original.task_id and len(job.history) == 4 and sum(counts_of(job).values()) == 30, repr(job))

    await check("OqcSdk.from_snapshot[job]", from_snapshot_job)

    async def from_snapshot_version():
        snap = shared["reconfigured"].to_snapshot()
        snap.schema_version = "2"
        expect_error(lambda: sdk.from_snapshot(snap), ValueError, contains="schema version")

    await check("OqcSdk.from_snapshot[unsupported schema version]", from_snapshot_version)

    async def load_invalid():
        bad = tmp / "bad.json"
        bad.write_text("{not json")
        expect_error(lambda: sdk.load(bad), ValueError, contains="valid JSON")
        bad.write_text(json.dumps({"schema_version": "1", "snapshot_kind": "other"}))
        expect_error(lambda: sdk.load(bad), ValueError, contains="snapshot_kind")
        bad.write_text(json.dumps({"schema_version": "1", "snapshot_kind": "job"}))
        expect_error(lambda: sdk.load(bad), ValueError, contains="snapshot schema")
        expect_error(lambda: sdk.load(tmp / "missing.json"), FileNotFoundError)

    await check("OqcSdk.load[invalid files]", load_invalid)

    # ---------------------------------------------------------------- CompositeJob
    async def composite_execute():
        composite = sdk.create_job(program=[BELL, ONES, FIRST_OF_THREE], qpu_id=LUCY, config=counts_config(40))
        outputs = await composite.execute(timeout_s=TIMEOUT)
        expect(isinstance(outputs, JobOutputProxy) and len(outputs) == 3, repr(outputs))
        expect(composite.completed, repr(composite))
        data = [o.data["c"] for o in outputs]
        expect(set(data[0]) <= {"00", "11"} and sum(data[0].values()) == 40, f"Bell {data[0]}")
        expect(data[1] == {"11": 40} and data[2] == {"100": 40}, f"{data[1]} {data[2]}")
        ids = [j.task_id for j in composite.jobs]
        expect(len(set(ids)) == 3 and all(server_status(i) == "COMPLETED" for i in ids), f"ids {ids}")
        shared["composite"] = composite

    await check("CompositeJob.execute", composite_execute)

    async def composite_two_qpus():
        composite = sdk.create_job(program=ONES, qpu_id=[LUCY, TOSHIKO], config=counts_config(9))
        await composite.execute(timeout_s=TIMEOUT)
        expect(composite.completed and [j.result.data["c"] for j in composite.jobs] == [{"11": 9}, {"11": 9}], repr(composite))
        expect(server_status(composite.jobs[1].task_id, TOSHIKO) == "COMPLETED", "the second child ran on Toshiko")

    await check("CompositeJob.execute[two QPUs]", composite_two_qpus)

    async def composite_mixed():
        composite = sdk.create_job(program=[ONES, NINE, ZEROS], qpu_id=LUCY, config=counts_config(5))
        outputs = await composite.execute(timeout_s=TIMEOUT)
        expect(len(outputs) == 3 and len(outputs.errors()) == 1 and len(outputs.results()) == 2, repr(outputs))
        expect(outputs.errors().one.error_code == 400 and not composite.completed, repr(outputs))
        shared["mixed"] = composite

    await check("CompositeJob.execute[one child fails]", composite_mixed)

    async def composite_chunked():
        # Three tasks of about 45 KB each: the SDK splits the batch into submissions under 100 KB
        # (client.py _chunk_tasks_by_size), each with ids allocated by POST /tasks.
        padded = ["// " + c * 45_000 + "\n" + program for c, program in (("a", ONES), ("b", ZEROS), ("c", ONES))]
        composite = sdk.create_job(program=padded, qpu_id=LUCY, config=counts_config(6))
        expect(len(sdk._chunk_tasks_by_size([sdk._build_task_dict(j) for j in composite.jobs])) == 2, "two chunks")
        await composite.execute(timeout_s=TIMEOUT)
        expect([j.result.data["c"] if j.result is not None else j.error for j in composite.jobs] == [{"11": 6}, {"00": 6}, {"11": 6}], repr(composite))

    await check("CompositeJob.execute[batch over 100 KB, chunked]", composite_chunked)

    async def composite_again():
        composite = shared["composite"]
        before = [j.task_id for j in composite.jobs]
        await composite.execute(timeout_s=TIMEOUT)
        after = [j.task_id for j in composite.jobs]
        expect(composite.completed and not set(before) & set(after), f"finished children are resubmitted: {before} -> {after}")
        expect(all(len(j.history) == 2 for j in composite.jobs), "each child keeps both runs")

    await check("CompositeJob.execute[again]", composite_again)

    async def composite_resume():
        composite = sdk.create_job(program=[ONES, ZEROS], qpu_id=LUCY, config=counts_config(3))
        await composite.jobs[0].submit()
        first = composite.jobs[0].task_id
        await composite.execute(timeout_s=TIMEOUT)
        expect(composite.jobs[0].task_id == first and composite.completed, "the active child is polled, not resubmitted")
        expect([j.result.data["c"] for j in composite.jobs] == [{"11": 3}, {"00": 3}], repr(composite))

    await check("CompositeJob.execute[resumes active children]", composite_resume)

    async def composite_timeout():
        fast = sdk.create_job(program=ONES, qpu_id=LUCY, config=counts_config(4))
        slow = slow_job(sdk)
        composite = CompositeJob([fast, slow])
        error = await aexpect_error(composite.execute(timeout_s=0.05), TimeoutError)
        expect(slow.task_id is not None and str(slow.task_id) in str(error), f"the error names the slow child's task: {error}")
        expect(composite.active_jobs == [slow] and fast.completed, f"the finished child keeps its result: {composite!r}")
        expect(len(composite.outputs) == 1 and composite.outputs.one is fast.result, "outputs hold the children that finished")
        await composite.cancel_if_active()
        expect(server_status(slow.task_id) in ("CANCELLED", "COMPLETED"), "the slow child is cancelled (or had just finished)")

    await check("CompositeJob.execute[timeout]", composite_timeout)

    async def composite_init():
        a = sdk.create_job(program=ONES, qpu_id=LUCY, config=counts_config(2))
        b = sdk.create_job(program=ZEROS, qpu_id=TOSHIKO, config=counts_config(2))
        composite = CompositeJob([a, b])
        expect(composite.jobs == [a, b] and len(composite) == 2, repr(composite))
        await composite.execute(timeout_s=TIMEOUT)
        expect(a.result.data["c"] == {"11": 2} and b.result.data["c"] == {"00": 2}, repr(composite))
        empty = CompositeJob()
        expect(len(await empty.execute()) == 0 and not empty.completed, "an empty composite has nothing to run")

    await check("CompositeJob.__init__", composite_init)

    async def composite_lists_in_flight():
        composite = sdk.create_job(program=[BELL, ONES], qpu_id=LUCY)
        for job in composite.jobs:
            await job.submit()
        expect(len(composite.active_jobs) == 2 and composite.terminal_jobs == [], "both children in flight")
        await composite.execute(timeout_s=TIMEOUT)
        expect(composite.active_jobs == [] and len(composite.terminal_jobs) == 2, "both children finished")

    await check("CompositeJob.active_jobs", composite_lists_in_flight)

    async def composite_terminal():
        mixed = shared["mixed"]
        expect(mixed.terminal_jobs == mixed.jobs, "completed and failed children are terminal")

    await check("CompositeJob.terminal_jobs", composite_terminal)

    async def composite_completed():
        expect(shared["composite"].completed is True and shared["mixed"].completed is False, "completed")
        expect(CompositeJob().completed is False, "an empty composite is not completed")

    await check("CompositeJob.completed", composite_completed)

    async def composite_completed_jobs():
        mixed = shared["mixed"]
        expect(mixed.completed_jobs == [mixed.jobs[0], mixed.jobs[2]], repr(mixed))

    await check("CompositeJob.completed_jobs", composite_completed_jobs)

    async def composite_failed_jobs():
        mixed = shared["mixed"]
        expect(mixed.failed_jobs == [mixed.jobs[1]] and mixed.failed_jobs[0].error.error_code == 400, repr(mixed))

    await check("CompositeJob.failed_jobs", composite_failed_jobs)

    async def composite_outputs():
        composite = shared["composite"]
        expect(len(composite.outputs) == 3, repr(composite.outputs))
        expect([o.task_id for o in composite.outputs] == [j.task_id for j in composite.jobs], "outputs of the latest execute, in child order")

    await check("CompositeJob.outputs", composite_outputs)

    async def composite_cancel():
        composite = CompositeJob([slow_job(sdk), slow_job(sdk)])
        for job in composite.jobs:
            await job.submit()
        returned = await composite.cancel()
        expect(returned is composite and all(j.state == JobState.CANCELLED for j in composite.jobs), repr(composite))
        expect([server_status(j.task_id) for j in composite.jobs] == ["CANCELLED", "CANCELLED"], "server status")

    await check("CompositeJob.cancel", composite_cancel)

    async def composite_cancel_if_active():
        done = sdk.create_job(program=ONES, qpu_id=LUCY, config=counts_config(1))
        await done.execute(timeout_s=TIMEOUT)
        active = slow_job(sdk)
        await active.submit()
        composite = CompositeJob([done, active])
        await composite.cancel_if_active()
        expect(done.state == JobState.COMPLETED and active.state == JobState.CANCELLED, repr(composite))
        expect(server_status(done.task_id) == "COMPLETED" and server_status(active.task_id) == "CANCELLED", "server status")

    await check("CompositeJob.cancel_if_active", composite_cancel_if_active)

    async def composite_to_snapshot():
        composite = shared["mixed"]
        snap = composite.to_snapshot()
        expect(isinstance(snap, CompositeJobSnapshot) and snap.snapshot_kind == "composite" and len(snap.jobs) == 3, repr(snap)[:200])
        expect([j.state for j in snap.jobs] == ["COMPLETED", "FAILED", "COMPLETED"], f"{[j.state for j in snap.jobs]}")
        expect(snap.jobs[1].error.error_code == 400 and snap.jobs[0].result.data == {"c": {"11": 5}}, "children's outputs")

    await check("CompositeJob.to_snapshot", composite_to_snapshot)

    async def composite_save():
        path = tmp / "composite.json"
        shared["composite"].save(path)
        saved = json.loads(path.read_text())
        expect(saved["snapshot_kind"] == "composite" and len(saved["jobs"]) == 3, f"{list(saved)}")
        expect(all(len(j["history"]) == 2 for j in saved["jobs"]), "children's histories saved")
        shared["composite_file"] = path

    await check("CompositeJob.save", composite_save)

    async def load_composite():
        restored = sdk.load(shared["composite_file"])
        original = shared["composite"]
        expect(isinstance(restored, CompositeJob) and [j.task_id for j in restored.jobs] == [j.task_id for j in original.jobs], repr(restored))
        expect(len(restored.outputs) == 3 and restored.completed, "outputs rebuilt from the children")
        await restored.execute(timeout_s=TIMEOUT)
        expect(restored.completed and all(len(j.history) == 3 for j in restored.jobs), "a restored composite runs again")

    await check("OqcSdk.load[composite]", load_composite)

    async def from_snapshot_composite():
        restored = sdk.from_snapshot(shared["mixed"].to_snapshot())
        expect(isinstance(restored, CompositeJob) and len(restored.failed_jobs) == 1 and len(restored.completed_jobs) == 2, repr(restored))

    await check("OqcSdk.from_snapshot[composite]", from_snapshot_composite)

    # ---------------------------------------------------------------- JobState, JobLike, JobFailed
    async def job_state():
        expect([s.value for s in JobState] == ["CREATED", "SUBMITTED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "UNKNOWN"], f"{list(JobState)}")
        expect(JobState("COMPLETED") == "COMPLETED", "JobState is a str enum")

    await check("JobState", job_state)

    async def job_like():
        expect(isinstance(shared["executed"], JobLike) and isinstance(shared["composite"], JobLike), "Job and CompositeJob satisfy JobLike")
        expect(not isinstance(object(), JobLike), "a plain object does not")

    await check("JobLike", job_like)

    async def job_failed():
        error = JobFailed(task_id="t-1", qpu_id=LUCY, code=400, details="broken")
        expect(str(error) == f"JobFailed(task_id=t-1, qpu_id={LUCY}, code=400, broken)", str(error))
        expect(isinstance(error, Exception) and error.code == 400, repr(error))

    await check("JobFailed", job_failed)

    # ---------------------------------------------------------------- JobOutput / JobResult / JobError
    async def output_to_dict():
        job = shared["executed"]
        output = JobOutput(job=job)
        data = output.to_dict()
        expect(data["task_id"] == str(job.task_id) and data["qpu_id"] == LUCY and data["program"] == BELL, f"{data}")

    await check("JobOutput.to_dict", output_to_dict)

    async def output_json():
        output = JobOutput(job=shared["executed"])
        text = output.to_json()
        expect(json.loads(text)["task_id"] == str(shared["executed"].task_id), text)
        back = JobOutput.from_json(text)
        expect(back == output and back.received == output.received, f"round trip {back!r}")

    await check("JobOutput.to_json", output_json)

    async def output_from_json():
        text = json.dumps({"qpu_id": LUCY, "task_id": str(uuid.UUID(int=7)), "program": BELL, "received": "2026-12-01T10:00:00", "timings": {"a": 1}})
        output = JobOutput.from_json(text, job=shared["executed"])
        expect(output.task_id == uuid.UUID(int=7) and output.received == dt.datetime(2026, 12, 1, 10) and output.timings == {"a": 1}, repr(output))
        expect(output.job is shared["executed"], "the job is attached")

    await check("JobOutput.from_json", output_from_json)

    async def result_to_dict():
        result = shared["executed"].result
        data = result.to_dict()
        expect(data["data"] == result.data and data["task_id"] == str(result.task_id), f"{data}")

    await check("JobResult.to_dict", result_to_dict)

    async def result_to_json():
        result = shared["executed"].result
        expect(json.loads(result.to_json())["data"] == result.data, "data in the JSON")

    await check("JobResult.to_json", result_to_json)

    async def result_from_json():
        result = shared["diagnosed"].result
        back = JobResult.from_json(result.to_json())
        expect(back == result and back.data == result.data and back.timings == result.timings, f"round trip {back!r}")
        expect(isinstance(back, JobResult) and back.metrics == result.metrics, "diagnostics survive")
        expect(not back and back.ok and not back.is_error, "a JobResult is falsy: truthiness means 'is an error'")

    await check("JobResult.from_json", result_from_json)

    async def result_counts():
        result = shared["composite"].jobs[2].result  # x on q[0] of three: "100" x 40
        table = result.to_counts_dataarray("c")
        expect(table.dims == ("result", "bit") and lst(table.values) == [[40]], f"{table}")
        expect(lst(table.coords["bit"].values) == [4] and lst(table.coords["bitstring"].values) == ["100"], f"{table.coords}")
        little = result.to_counts_dataarray("c", endianness=Endianness.LITTLE)
        expect(lst(little.coords["bitstring"].values) == ["001"] and lst(little.coords["bit"].values) == [4], f"{little.coords}")

    await check("JobResult.to_counts_dataarray", result_counts)

    async def result_counts_raw():
        job = sdk.create_job(program=ONES, qpu_id=LUCY, config=CompilerConfig(repeats=4, results_format=QuantumResultsFormat().raw()))
        await job.execute(timeout_s=TIMEOUT)
        expect(job.completed, repr(job))
        expect_error(lambda: job.result.to_counts_dataarray("c"), ValueError, contains="BinaryCount")

    await check("JobResult.to_counts_dataarray[raw results format]", result_counts_raw)

    async def error_to_dict():
        error = shared["failed"].error
        data = error.to_dict()
        expect(data["error_code"] == 400 and "9 qubits" in data["error_message"] and data["task_id"] == str(error.task_id), f"{data}")

    await check("JobError.to_dict", error_to_dict)

    async def error_to_json():
        error = shared["failed"].error
        expect(json.loads(error.to_json())["error_code"] == 400, error.to_json())

    await check("JobError.to_json", error_to_json)

    async def error_from_json():
        error = shared["failed"].error
        back = JobError.from_json(error.to_json())
        expect(isinstance(back, JobError) and back == error and back.error_code == 400 and back.error_message == error.error_message, repr(back))
        expect(bool(back) and not back.ok and back.is_error, "an error with a code is truthy")

    await check("JobError.from_json", error_from_json)

    # ---------------------------------------------------------------- JobOutputProxy
    async def proxy_counts():
        outputs = shared["composite"].outputs[:2]  # Bell and "11" at 40 shots each (a slice is a proxy too)
        table = outputs.to_counts_dataarray("c")
        expect(isinstance(outputs, JobOutputProxy) and table.sizes == {"result": 2, "bit": 2}, f"{table.sizes}")
        expect(table.values.sum(axis=1).tolist() == [40, 40] and table.values[1].tolist() == [0, 40], f"rows: {table.values}")
        mixed = shared["mixed"].outputs  # "11", error, "00"
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            mixed_table = mixed.to_counts_dataarray("c")
        expect(any("JobError" in str(w.message) for w in caught), "errors are skipped with a UserWarning")
        expect(lst(mixed_table.coords["bitstring"].values) == ["00", "11"], f"{mixed_table.coords}")
        expect(lst(mixed_table.values) == [[0, 5], [5, 0]], f"zero-filled where a bitstring is absent: {mixed_table.values}")

    await check("JobOutputProxy.to_counts_dataarray", proxy_counts)

    async def proxy_counts_mismatch():
        outputs = shared["composite"].outputs  # 2-bit and 3-bit strings in one register name
        expect_error(lambda: outputs.to_counts_dataarray("c"), ValueError, contains="inconsistent")
        padded = outputs.to_counts_dataarray("c", on_length_mismatch="pad")
        expect(lst(padded.coords["bitstring"].values)[-1] == "100" and "011" in lst(padded.coords["bitstring"].values), f"{padded.coords}")
        expect_error(lambda: shared["executed"].outputs.to_counts_dataarray("nope"), KeyError)

    await check("JobOutputProxy.to_counts_dataarray[inconsistent widths]", proxy_counts_mismatch)

    async def proxy_like():
        outputs = shared["mixed"].outputs
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ones = outputs.like("1*", "c")
            expect(lst(ones.coords["bitstring"].values) == ["11"] and lst(ones.values) == [[5], [0]], f"{ones}")
            none = outputs.like("01", "c")
            expect(none.values.shape == (2, 0), f"no match keeps the rows: {none.values.shape}")
            little = shared["composite"].jobs[2].outputs.like("*01", "c", endianness=Endianness.LITTLE)
            expect(lst(little.coords["bitstring"].values) == ["001"] and lst(little.values) == [[40]], f"{little}")
            expect_error(lambda: outputs.like("1", "c"), ValueError, contains="length")

    await check("JobOutputProxy.like", proxy_like)

    async def proxy_raise_for_error():
        ok = shared["composite"].outputs
        expect(ok.raise_for_error() is ok, "returns itself when no output failed")
        expect_error(shared["mixed"].outputs.raise_for_error, RuntimeError, contains="Job failed (400)")

    await check("JobOutputProxy.raise_for_error", proxy_raise_for_error)

    async def proxy_results_errors():
        mixed = shared["mixed"].outputs
        expect([type(o) for o in mixed.results()] == [JobResult, JobResult] and [type(o) for o in mixed.errors()] == [JobError], repr(mixed))
        expect(mixed.any_error and not mixed.all_ok and shared["composite"].outputs.all_ok, "any_error / all_ok")

    await check("JobOutputProxy.results", proxy_results_errors)

    async def proxy_errors():
        errors = shared["mixed"].outputs.errors()
        expect(isinstance(errors, JobOutputProxy) and errors.one.task_id == shared["mixed"].jobs[1].task_id, repr(errors))

    await check("JobOutputProxy.errors", proxy_errors)

    async def proxy_all():
        outputs = shared["composite"].outputs
        entries = outputs.all()
        expect(isinstance(entries, list) and len(entries) == 3 and entries[0] is outputs.first and entries[-1] is outputs.last, repr(entries))
        expect_error(lambda: outputs.one, ValueError, contains="exactly 1")
        expect_error(lambda: JobOutputProxy().first, IndexError)

    await check("JobOutputProxy.all", proxy_all)

    async def proxy_attr_policy():
        outputs = list(shared["composite"].outputs)
        expect_error(lambda: JobOutputProxy(outputs).task_id, AttributeError, contains="not single instance")
        first = JobOutputProxy(outputs, attr_policy=AttrPolicy.FIRST)
        expect(first.task_id == outputs[0].task_id, "FIRST returns the first item's attribute")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = JobOutputProxy(outputs, attr_policy=AttrPolicy.WARN_FIRST).task_id
        expect(value == outputs[0].task_id and any("returning first item" in str(w.message) for w in caught), "WARN_FIRST warns")
        expect([p.name for p in AttrPolicy] == ["RAISE", "WARN_FIRST", "FIRST"], f"{list(AttrPolicy)}")

    await check("AttrPolicy", proxy_attr_policy)

    # ---------------------------------------------------------------- dataarray_utils
    async def endianness():
        expect(Endianness.BIG.value == "big" and Endianness.LITTLE.value == "little", f"{list(Endianness)}")

    await check("Endianness", endianness)

    async def bits_():
        expect(bits("011").value == 3 and bits("110", Endianness.LITTLE).value == 3, "physical big-endian value")
        table = shared["composite"].jobs[0].outputs.to_counts_dataarray("c")  # Bell: 00 and 11
        expect(int(table["bit", bits("11")].values[0]) == table.values[0][-1], "bits() selects a column")
        expect_error(lambda: bits(""), ValueError)
        expect_error(lambda: bits("012"), ValueError, contains="Invalid bitstring")

    await check("bits", bits_)

    async def filter_():
        table = shared["mixed"].jobs[0].outputs.to_counts_dataarray("c")  # {"11": 5}
        kept = filter_counts_dataarray(table, "*1")
        expect(lst(kept.values) == [[5]] and lst(kept.coords["bit"].values) == [3], f"{kept}")
        expect_error(lambda: filter_counts_dataarray(table, "1x"), ValueError, contains="Invalid character")
        expect_error(lambda: filter_counts_dataarray(table, ""), ValueError)

    await check("filter_counts_dataarray", filter_)

    async def results_table():
        job = shared["composite"].jobs[1]  # "11" twice over two runs (history)
        table = results_to_counts_dataarray(job.history.results().all(), "c")
        expect(lst(table.values) == [[40], [40]] and lst(table.coords["result"].values) == [0, 1], f"{table}")
        expect_error(lambda: results_to_counts_dataarray([], "c"), ValueError, contains="must not be empty")

    await check("results_to_counts_dataarray", results_table)

    # ---------------------------------------------------------------- snapshot models
    async def snapshot_job_model():
        snap = shared["reconfigured"].to_snapshot()
        back = JobSnapshot.model_validate_json(snap.model_dump_json())
        expect(back == snap, "JobSnapshot JSON round trip")
        expect([h.kind for h in back.history] == ["result"] * len(back.history), f"{[h.kind for h in back.history]}")

    await check("JobSnapshot", snapshot_job_model)

    async def snapshot_composite_model():
        snap = shared["mixed"].to_snapshot()
        back = CompositeJobSnapshot.model_validate_json(snap.model_dump_json())
        expect(back == snap and len(back.jobs) == 3, "CompositeJobSnapshot JSON round trip")

    await check("CompositeJobSnapshot", snapshot_composite_model)

    async def snapshot_result_model():
        result = JobResultSnapshot(data={"c": {"11": 2}}, qpu_id=LUCY)
        expect(result.kind == "result" and JobResultSnapshot.model_validate_json(result.model_dump_json()) == result, repr(result))

    await check("JobResultSnapshot", snapshot_result_model)

    async def snapshot_error_model():
        snap = shared["failed"].to_snapshot()
        expect(isinstance(snap.error, JobErrorSnapshot) and snap.error.kind == "error" and snap.error.error_code == 400, repr(snap.error))
        expect(isinstance(snap.history[0], JobErrorSnapshot), "history items are told apart by kind")

    await check("JobErrorSnapshot", snapshot_error_model)

    async def snapshot_output_model():
        base = JobOutputSnapshot(qpu_id=LUCY, task_id=uuid.UUID(int=1), timings={"x": "y"})
        expect(base.task_id == uuid.UUID(int=1) and issubclass(JobResultSnapshot, JobOutputSnapshot) and issubclass(JobErrorSnapshot, JobOutputSnapshot), repr(base))

    await check("JobOutputSnapshot", snapshot_output_model)

    # ---------------------------------------------------------------- close the shared SDK
    async def aexit():
        await sdk.__aexit__(None, None, None)
        expect(sdk._client._client.is_closed, "leaving async with closes the HTTP client")

    await check("OqcSdk.__aexit__", aexit)


asyncio.run(main())
suite.finish()
