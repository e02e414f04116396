"""A second, private emulator for checks that destroy the shared one's seeded state.

``DELETE /api-token`` revokes the demo token and ``DELETE /users/me`` removes the demo user: run on
the emulator ``conformance/run`` shares between suites they would break every later check and suite.
``conformance/run`` exports the emulator's classpath as ``QONDUIT_EMULATOR_CLASSPATH``; this starts
one more emulator from it on a free loopback port and stops it when the block ends.
"""
from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
from contextlib import contextmanager
from typing import Iterator

BANNER = re.compile(r"^Qonduit emulator listening on (http://127\.0\.0\.1:\d+)", re.MULTILINE)


@contextmanager
def private_emulator(*extra_args: str, start_timeout_s: float = 60.0) -> Iterator[str]:
    """Yields the base URL of a freshly started emulator; kills it afterwards."""
    classpath = os.environ.get("QONDUIT_EMULATOR_CLASSPATH")
    if not classpath:
        raise RuntimeError("QONDUIT_EMULATOR_CLASSPATH is not set: run the suites through conformance/run")
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(
            ["java", "-cp", classpath, "io.qonduit.emulator.EmulatorMain", "--host", "127.0.0.1", "--port", "0", *extra_args],
            stdout=out, stderr=err, text=True,
        )
        try:
            deadline = time.monotonic() + start_timeout_s
            while True:
                out.seek(0)
                found = BANNER.search(out.read())
                if found:
                    break
                if process.poll() is not None or time.monotonic() > deadline:
                    err.seek(0)
                    raise RuntimeError(f"the private emulator did not start: {err.read()[-2000:]}")
                time.sleep(0.1)
            yield found.group(1)
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
