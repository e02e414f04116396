"""Issue 14, item 3, the Python peer: OQC's async SDK (oqc-qcaas-sdk 0.1.24, pinned in
conformance/requirements/oqc_sdk.txt) runs N tasks as one CompositeJob against the emulator's /oqc,
the same Bell circuit and shots as FanOutBench. Prints `seconds`, `completed`, `peak_rss_mib`
and `peak_threads` lines; an SDK that gives up is reported, not fatal. The URL must be a loopback
address (bench/run starts the emulator on 127.0.0.1).

    python fanout_peer.py OQC_URL JOBS SHOTS
"""
import asyncio
import ipaddress
import os
import resource
import sys
import threading
import time
from urllib.parse import urlparse

import oqc_qcaas_sdk._transport as _transport
from compiler_config.config import CompilerConfig, QuantumResultsFormat
from oqc_qcaas_sdk import JobState, OqcSdk

TOKEN = "oqc-demo-token"  # the emulator's seeded demo account (printed in its banner)
LUCY = "qpu:uk:2:d865b5a184"
BELL = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q->c;\n'


async def _no_status_page() -> None:
    """The SDK asks OQC's public status page on errors; this run talks to the loopback emulator only."""


_transport.check_status_page = _no_status_page


async def main(url: str, jobs: int, shots: int) -> None:
    if not ipaddress.ip_address(urlparse(url).hostname or "0.0.0.0").is_loopback:
        sys.exit(f"fanout_peer: {url} is not a loopback URL")
    # The SDK refuses to broadcast more than 200 programs unless this, its documented setting, says more.
    os.environ["OQC_SDK_MAX_BROADCAST_JOBS"] = str(jobs)
    config = CompilerConfig(repeats=shots, results_format=QuantumResultsFormat().binary_count())
    peak_threads = threading.active_count()
    start = time.perf_counter()
    failure = ""
    done = 0
    try:
        async with OqcSdk(url, authentication_token=TOKEN) as sdk:
            composite = sdk.create_job(program=[BELL] * jobs, qpu_id=LUCY, config=config)
            try:
                await composite.execute(timeout_s=600)
            finally:
                peak_threads = max(peak_threads, threading.active_count())
                done = sum(1 for job in composite.jobs if job.state == JobState.COMPLETED)
    except Exception as e:  # noqa: BLE001 - a peer that gives up is a figure of the benchmark, not its end
        failure = f"{type(e).__name__}: {str(e)[:200]}"
    print(f"seconds {time.perf_counter() - start}")
    print(f"completed {done}")
    print(f"peak_rss_mib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}")
    print(f"peak_threads {peak_threads}")
    if failure:
        print(f"fanout_peer: gave up after {done} of {jobs} tasks: {failure}", file=sys.stderr)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
