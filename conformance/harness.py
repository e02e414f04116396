"""Shared recorder for the conformance suites.

Each suite drives one provider's real Python client against the Qonduit emulator and records one
line per public method: PASS (the call worked and its result was checked), FAIL (an exception or a
failed check) or SKIP (the method cannot be driven, with the evidence why). ``Suite.finish``
prints the suite's summary, writes it as JSON for ``conformance/run`` and sets the exit status.
"""
from __future__ import annotations

import asyncio
import inspect
import json
import os
import signal
import sys
import time
import traceback
from dataclasses import dataclass, asdict
from typing import Any, Awaitable, Callable

DEFAULT_TIMEOUT_S = 90


@dataclass
class Outcome:
    suite: str
    name: str
    verdict: str  # PASS, FAIL or SKIP
    detail: str
    seconds: float


class CheckTimeout(Exception):
    """Raised inside a check that ran past its deadline."""


def emulator_url() -> str:
    """Base URL of the running emulator (set by conformance/run), without a trailing slash."""
    url = os.environ.get("QONDUIT_EMULATOR_URL")
    if not url:
        sys.exit("QONDUIT_EMULATOR_URL is not set: run the suites through conformance/run")
    host = url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0].strip("[]")
    if not (host.startswith("127.") or host in ("localhost", "::1")):
        sys.exit(f"refusing to drive a non-loopback emulator at {url}")
    return url.rstrip("/")


class Suite:
    """Records the outcome of each check of one provider's client."""

    def __init__(self, name: str):
        self.name = name
        self.outcomes: list[Outcome] = []
        self._names: set[str] = set()

    def check(self, name: str, timeout_s: float = DEFAULT_TIMEOUT_S) -> Callable[[Callable[[], Any]], Any]:
        """Decorator: runs the function at once as the check ``name``; returns its result (or None)."""

        def run(fn: Callable[[], Any]) -> Any:
            if inspect.iscoroutinefunction(fn):
                return self._timed(name, lambda: asyncio.run(asyncio.wait_for(fn(), timeout_s)), timeout_s + 5)
            return self._timed(name, fn, timeout_s)

        return run

    async def acheck(self, name: str, fn: Callable[[], Awaitable[Any]], timeout_s: float = DEFAULT_TIMEOUT_S) -> Any:
        """Runs the coroutine function ``fn`` as the check ``name`` inside the caller's event loop."""
        started = time.monotonic()
        try:
            result = await asyncio.wait_for(fn(), timeout_s)
        except BaseException as error:  # noqa: BLE001 - every failure is recorded, not raised
            if isinstance(error, (KeyboardInterrupt, SystemExit)):
                raise
            if isinstance(error, asyncio.TimeoutError):
                error = CheckTimeout(f"no result within {timeout_s} s")
            self._record(name, "FAIL", _describe(error), started)
            return None
        self._record(name, "PASS", "", started)
        return result

    def skip(self, name: str, reason: str) -> None:
        """Records ``name`` as not drivable; ``reason`` must carry the evidence (route, commit, trace)."""
        self._record(name, "SKIP", reason, time.monotonic())

    def _timed(self, name: str, fn: Callable[[], Any], timeout_s: float) -> Any:
        started = time.monotonic()

        def expire(_signum, _frame):
            raise CheckTimeout(f"no result within {timeout_s} s")

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, timeout_s)
        try:
            result = fn()
        except BaseException as error:  # noqa: BLE001 - every failure is recorded, not raised
            if isinstance(error, (KeyboardInterrupt, SystemExit)):
                raise
            self._record(name, "FAIL", _describe(error), started)
            return None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        self._record(name, "PASS", "", started)
        return result

    def _record(self, name: str, verdict: str, detail: str, started: float) -> None:
        if name in self._names:
            raise ValueError(f"check {name!r} recorded twice in suite {self.name}")
        self._names.add(name)
        outcome = Outcome(self.name, name, verdict, detail, round(time.monotonic() - started, 3))
        self.outcomes.append(outcome)
        suffix = f" - {detail}" if detail else ""
        print(f"{verdict:<4}  {self.name}  {name} ({outcome.seconds:.2f} s){suffix}", flush=True)

    def finish(self) -> None:
        """Prints the summary, writes ``$CONFORMANCE_RESULTS/<suite>.json`` and exits (1 on any FAIL)."""
        counts = {verdict: sum(1 for o in self.outcomes if o.verdict == verdict) for verdict in ("PASS", "FAIL", "SKIP")}
        print(f"{self.name}: {counts['PASS']} PASS, {counts['FAIL']} FAIL, {counts['SKIP']} SKIP", flush=True)
        results_dir = os.environ.get("CONFORMANCE_RESULTS")
        if results_dir:
            with open(os.path.join(results_dir, f"{self.name}.json"), "w", encoding="utf-8") as out:
                json.dump([asdict(o) for o in self.outcomes], out, indent=1)
        sys.exit(1 if counts["FAIL"] or not self.outcomes else 0)


def expect(condition: bool, message: str) -> None:
    """Fails the current check with ``message`` unless ``condition`` holds."""
    if not condition:
        raise AssertionError(message)


def expect_error(fn: Callable[[], Any], *types: type[BaseException], contains: str | None = None) -> BaseException:
    """Runs ``fn`` and checks it raises one of ``types`` (and ``contains`` appears in its text)."""
    try:
        fn()
    except types as error:
        return _expected(error, contains)
    raise AssertionError(f"expected {', '.join(t.__name__ for t in types)}; the call succeeded")


async def aexpect_error(coro: Awaitable[Any], *types: type[BaseException], contains: str | None = None) -> BaseException:
    """Awaits ``coro`` and checks it raises one of ``types`` (and ``contains`` appears in its text)."""
    try:
        await coro
    except types as error:
        return _expected(error, contains)
    raise AssertionError(f"expected {', '.join(t.__name__ for t in types)}; the call succeeded")


def _expected(error: BaseException, contains: str | None) -> BaseException:
    if contains is not None and contains not in str(error):
        raise AssertionError(f"expected {contains!r} in the error, got {error!r}") from error
    return error


def _describe(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    text = str(error).replace("\n", " ")
    if len(text) > 400:
        text = text[:400] + "..."
    return f"{type(error).__name__}: {text}{where}"
