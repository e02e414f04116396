"""OQTOPUS contract: schemathesis drives every operation of the User API's OpenAPI document.

The document is the project's copy (``test-fixtures/.../oqtopus/oqtopus-user-openapi.yaml``), the one
the emulator's Kotlin contract test validates against. schemathesis generates inputs for every
operation (examples, coverage, fuzzing and stateful phases, a fixed seed and a bounded number of
examples) and checks every answer: no 5xx, documented status codes, content types and response
schemas, invalid input rejected, valid input accepted. The spec declares BearerAuth, but API clients
authenticate with the ``q-api-token`` header (reference oqtopus.md §1), so the demo token goes in that
header and ``ignored_auth`` (which strips the declared Bearer scheme only) is not run.

Generated requests change state (users patched, jobs registered and cancelled), so the run gets a
private emulator. The operations that end the caller's credentials, ``DELETE /api-token``,
``DELETE /users/me`` and ``POST /api-token`` (which replaces the token), are left out of the
generated run (after the first success every later request is unauthenticated) and are each called
once with the schema's own case, on an emulator of their own, and the answer checked the same way.
One line per operation: PASS, or FAIL with schemathesis' findings. A finding passes only when
``oqtopus-contract-allowlist.json`` explains it (operation, check code, a pattern of the case) with
its reason: where the document contradicts itself or the service, not where the emulator is wrong.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import schemathesis
import yaml

from harness import Suite, emulator_url, expect
from private_emulator import private_emulator

SPEC = Path(__file__).resolve().parents[2] / "test-fixtures/src/main/resources/fixtures/oqtopus/oqtopus-user-openapi.yaml"
# Findings that are not emulator bugs (the document contradicts itself or the service), each with its reason.
ALLOWLIST = json.loads((Path(__file__).resolve().parents[1] / "oqtopus-contract-allowlist.json").read_text(encoding="utf-8"))
DEMO_TOKEN = "oqtopus-demo-token"  # OqtopusEmulatorState.DEMO_TOKEN
SEED = 20261201
MAX_EXAMPLES = 50  # per operation and phase: about half a minute on two cores (100 found nothing more)
# POST /api-token replaces the caller's token in the emulator (as the service's api_token.py router
# does for the user), so it ends the generated run's authentication as the two deletions do.
DESTRUCTIVE = {("DELETE", "/api-token"), ("DELETE", "/users/me"), ("POST", "/api-token")}
DESTRUCTIVE_IDS = ("delete_api_token", "delete_current_user", "create_api_token")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")

emulator_url()  # refuses a non-loopback emulator before anything is sent
suite = Suite("oqtopus_contract")


def operations() -> list[tuple[str, str, str]]:
    """(METHOD, path, operationId) of every operation in the document, in document order."""
    document = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return [(method.upper(), path, item[method]["operationId"])
            for path, item in document["paths"].items() for method in METHODS if method in item]


def generated_run(url: str, report: Path) -> subprocess.CompletedProcess:
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", str(SPEC),
        "--url", url,
        "--header", f"q-api-token: {DEMO_TOKEN}",
        "--checks", "all",
        "--exclude-checks", "ignored_auth",
        "--generation-with-security-parameters", "false",
        "--max-examples", str(MAX_EXAMPLES),
        "--seed", str(SEED),
        "--generation-database", "none",
        "--workers", "1",
        "--request-timeout", "10",
        "--continue-on-failure",  # an allow-listed finding must not hide the operation's other findings
        "--no-color",
        "--report", "junit",
        "--report-junit-path", str(report),
    ]
    for operation_id in DESTRUCTIVE_IDS:
        command += ["--exclude-operation-id", operation_id]
    # In a fresh directory: schemathesis keeps a crash cache in ./.schemathesis and replays it first,
    # which would make one run depend on the one before.
    return subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=report.parent)


def junit_outcomes(report: Path) -> dict[str, list[str]]:
    """Maps "METHOD /path" (or "Stateful tests") to the text of each failing test case in the JUnit report."""
    outcomes = {}
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        texts = "\n".join(child.text or "" for child in case if child.tag in ("failure", "error"))
        outcomes[case.get("name")] = [c.strip() for c in re.split(r"^\d+\. Test Case ID: ", texts, flags=re.MULTILINE) if c.strip()]
    return outcomes


def unexplained(operation: str, case: str) -> list[str]:
    """The check codes of one failing case that no allow-list entry for ``operation`` explains."""
    codes = re.findall(r"^- (ST\d+) ", case, flags=re.MULTILINE) or ["?"]
    return [code for code in codes if not any(
        e["operation"] == operation and e["check"] == code and re.search(e["match"], case) for e in ALLOWLIST)]


def one_line(text: str, limit: int = 1500) -> str:
    text = " | ".join(line.strip() for line in text.splitlines() if line.strip())
    return text if len(text) <= limit else text[:limit] + "..."


outcomes: dict[str, list[str]] = {}
problem = ""  # why schemathesis gave no per-operation outcomes, if it did not
try:
    with tempfile.TemporaryDirectory() as work, private_emulator() as private_url:
        report = Path(work, "junit.xml")
        run = generated_run(private_url + "/oqtopus", report)
        outcomes = junit_outcomes(report) if report.exists() else {}
        if not outcomes:
            problem = f"schemathesis exited {run.returncode} without a report: {one_line(run.stderr or run.stdout, 600)}"
except Exception as error:  # noqa: BLE001 - recorded as every operation's failure below
    problem = f"{type(error).__name__}: {error}"

for method, path, operation_id in operations():
    label = f"{method} {path}"
    if (method, path) in DESTRUCTIVE:
        continue

    @suite.check(f"{label} ({operation_id})")
    def _():
        expect(not problem, problem)
        expect(label in outcomes, f"schemathesis reported nothing for {label}")
        failing = [case for case in outcomes[label] if unexplained(label, case)]
        expect(not failing, " || ".join(one_line(case, 700) for case in failing))

# schemathesis' stateful phase (sequences of calls linked by the ids one response gives the next).
if "Stateful tests" in outcomes:
    @suite.check("stateful sequences")
    def _():
        failing = [case for case in outcomes["Stateful tests"] if unexplained("Stateful tests", case)]
        expect(not failing, " || ".join(one_line(case, 700) for case in failing))

# The account-ending operations: one positive case each, on a fresh emulator.
schema = schemathesis.openapi.from_path(str(SPEC))
for method, path in sorted(DESTRUCTIVE):
    operation_id = next(o for m, p, o in operations() if (m, p) == (method, path))
    @suite.check(f"{method} {path} ({operation_id})")
    def _():
        with private_emulator() as private_url:
            case = schema[path][method].Case()
            response = case.call(base_url=private_url + "/oqtopus", headers={"q-api-token": DEMO_TOKEN})
            if method == "DELETE":
                expect(200 <= response.status_code < 300, f"{response.status_code} {response.text[:300]}")
            case.validate_response(response, headers={"q-api-token": DEMO_TOKEN})

suite.finish()
