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
"""
from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import warnings

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


def run(suite) -> None:
    allowlist = json.load(open(ALLOWLIST, encoding="utf-8"))["entries"]

    @suite.check("validation[differential: bert_schemas vs Qonduit on seeded documents]", timeout_s=150)
    def _():
        cases = list(Generator(SEED).cases())
        texts = [json.dumps(doc, ensure_ascii=False) for _, doc in cases]
        ours = qonduit_verdicts(texts)
        theirs = [bert_verdict(t) for t in texts]
        used = [0] * len(allowlist)
        unexplained = []
        disagree = 0
        for (label, _), q, b in zip(cases, ours, theirs):
            if q["verdict"] == "accept":
                sent = bert_verdict(q["body"])
                if sent["verdict"] != "accept":
                    unexplained.append(f"{label} (sent body)")
                    print(f"  sent body refused  {label}: {sent['field']} {sent['message']}"[:400])
            if q["verdict"] == b["verdict"]:
                continue
            disagree += 1
            entry = next((i for i, e in enumerate(allowlist)
                          if fnmatch.fnmatchcase(label, e["cases"]) and e["qonduit"] == q["verdict"]), None)
            if entry is None:
                unexplained.append(label)
                print(f"  disagree  {label}: qonduit {q['verdict']} {q.get('field', '')} {q.get('message', '')}"
                      f" | bert_schemas {b['verdict']} {b.get('field', '')} {b.get('message', '')}"[:400])
            else:
                used[entry] += 1
        listed = disagree - len(unexplained)
        print(f"oqtant validation: {len(cases)} inputs, {len(cases) - disagree} agree, {disagree} disagree ({listed} allow-listed)")
        for entry, count in zip(allowlist, used):
            print(f"  allow-listed {count:>3}  {entry['cases']}")
        stale = [e["cases"] for e, count in zip(allowlist, used) if count == 0]
        expect(not unexplained, f"{len(unexplained)} unexplained disagreements: {', '.join(unexplained[:8])}")
        expect(not stale, f"allow-list entries that explain nothing: {stale}")
