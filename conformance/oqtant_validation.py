"""Differential check of Oqtant job validation: bert_schemas (the service's pydantic models) against
Qonduit's client-side validation, on the seeded documents of oqtant_cases.py.

bert_schemas' verdict is ``JobCreate.model_validate_json`` of the document, as the service reads a
``POST {U}/jobs`` body; an exception other than a ValidationError (a validator crashing on a wrong
type) counts as a rejection, since the service could not accept that body either. Qonduit's verdict
comes from conformance/probe/OqtantValidationProbe.java (``OqtantClient.generateOqtantJob``), started
once for all documents. Where Qonduit accepts a document, the body it would send must pass
bert_schemas too (so a document Qonduit reads more leniently is still sent as one the service takes).
A disagreement fails the check unless conformance/oqtant-validation-allowlist.json
lists it (a glob over case labels, the verdict Qonduit gives, and why); an entry that explains nothing
fails it too, so the list cannot go stale.

A second check posts every document to the emulator's ``POST {U}/jobs``: its verdict (422 = reject;
200, or 429 once the daily limit is used up, = validation passed) must be bert_schemas', since the
emulator stands for the service; its allow-list entries name ``emulator`` instead of ``qonduit``.
"""
from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import warnings

import requests

from pydantic import ValidationError

from bert_schemas import job as js
from harness import expect
from oqtant_cases import Generator

SEED = 20261201
HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = os.path.join(HERE, "probe", "OqtantValidationProbe.java")
ALLOWLIST = os.path.join(HERE, "oqtant-validation-allowlist.json")


def bert_verdict(text: str) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # re-ordering warnings
        try:
            js.JobCreate.model_validate_json(text)
        except ValidationError as error:
            first = error.errors()[0]
            return {"verdict": "reject", "field": ".".join(map(str, first["loc"])), "message": first["msg"]}
        except Exception as error:  # noqa: BLE001 - a validator crashing on a wrong type: the service answers 500
            return {"verdict": "reject", "field": "?", "message": f"crash: {type(error).__name__}: {error}"}
    return {"verdict": "accept"}


def qonduit_verdicts(texts: list[str]) -> list[dict]:
    classpath = os.environ.get("QONDUIT_PROBE_CLASSPATH")
    if not classpath:
        raise RuntimeError("QONDUIT_PROBE_CLASSPATH is not set: run the suite through conformance/run")
    done = subprocess.run(["java", "-cp", classpath, PROBE], input="\n".join(texts) + "\n", capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    lines = done.stdout.splitlines()
    if done.returncode != 0 or len(lines) != len(texts):
        raise RuntimeError(f"the probe answered {len(lines)} of {len(texts)} documents (exit {done.returncode}): {done.stderr[-400:]}")
    return [json.loads(line) for line in lines]


def emulator_verdicts(base: str, token: str, user: str, texts: list[str]) -> list[dict]:
    session = requests.Session()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    verdicts = []
    for text in texts:
        r = session.post(f"{base}/oqtant/users/{user}/jobs", data=text.encode("utf-8"), headers=headers, timeout=30)
        if r.status_code == 422:
            first = r.json()["detail"][0]
            verdicts.append({"verdict": "reject", "field": ".".join(map(str, first["loc"])), "message": first["msg"]})
        elif r.status_code in (200, 429):
            verdicts.append({"verdict": "accept"})
        else:
            verdicts.append({"verdict": f"HTTP {r.status_code}", "message": r.text[:200]})
    return verdicts


def compare(party: str, cases, ours, theirs, allowlist) -> tuple[int, list[str], list[int]]:
    """Disagreements of ``party`` with bert_schemas: (count, unexplained labels, uses per allow-list entry)."""
    used = [0] * len(allowlist)
    unexplained = []
    disagree = 0
    for (label, _), q, b in zip(cases, ours, theirs):
        if q["verdict"] == b["verdict"]:
            continue
        disagree += 1
        entry = next((i for i, e in enumerate(allowlist)
                      if party in e and fnmatch.fnmatchcase(label, e["cases"]) and e[party] == q["verdict"]), None)
        if entry is None:
            unexplained.append(label)
            print(f"  disagree  {label}: {party} {q['verdict']} {q.get('field', '')} {q.get('message', '')}"
                  f" | bert_schemas {b['verdict']} {b.get('field', '')} {b.get('message', '')}"[:400])
        else:
            used[entry] += 1
    return disagree, unexplained, used


def report(allowlist, used, party: str) -> None:
    for entry, count in zip(allowlist, used):
        if party in entry:
            print(f"  allow-listed {count:>3}  {entry['cases']}")


def run(suite, base: str, token: str, user: str) -> None:
    allowlist = json.load(open(ALLOWLIST, encoding="utf-8"))["entries"]

    @suite.check("validation[differential: bert_schemas vs Qonduit on seeded documents]", timeout_s=150)
    def _():
        cases = list(Generator(SEED).cases())
        texts = [json.dumps(doc, ensure_ascii=False) for _, doc in cases]
        ours = qonduit_verdicts(texts)
        theirs = [bert_verdict(t) for t in texts]
        disagree, unexplained, used = compare("qonduit", cases, ours, theirs, allowlist)
        for (label, _), q in zip(cases, ours):
            sent = bert_verdict(q["body"]) if q["verdict"] == "accept" else {"verdict": "accept"}
            if sent["verdict"] != "accept":
                unexplained.append(f"{label} (sent body)")
                print(f"  sent body refused  {label}: {sent['field']} {sent['message']}"[:400])
        listed = disagree - len(unexplained)
        print(f"oqtant validation: {len(cases)} inputs, {len(cases) - disagree} agree, {disagree} disagree ({listed} allow-listed)")
        report(allowlist, used, "qonduit")
        stale = [e["cases"] for e, count in zip(allowlist, used) if count == 0 and "qonduit" in e]
        expect(not unexplained, f"{len(unexplained)} unexplained disagreements: {', '.join(unexplained[:8])}")
        expect(not stale, f"allow-list entries that explain nothing: {stale}")

    @suite.check("emulator[differential: POST {U}/jobs vs bert_schemas on seeded documents]", timeout_s=150)
    def _():
        cases = list(Generator(SEED).cases())
        texts = [json.dumps(doc, ensure_ascii=False) for _, doc in cases]
        theirs = [bert_verdict(t) for t in texts]
        ours = emulator_verdicts(base, token, user, texts)
        disagree, unexplained, used = compare("emulator", cases, ours, theirs, allowlist)
        listed = disagree - len(unexplained)
        print(f"oqtant emulator validation: {len(cases)} inputs, {len(cases) - disagree} agree, {disagree} disagree ({listed} allow-listed)")
        report(allowlist, used, "emulator")
        stale = [e["cases"] for e, count in zip(allowlist, used) if count == 0 and "emulator" in e]
        expect(not unexplained, f"{len(unexplained)} unexplained disagreements: {', '.join(unexplained[:8])}")
        expect(not stale, f"allow-list entries that explain nothing: {stale}")
