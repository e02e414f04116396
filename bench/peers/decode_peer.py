"""Issue 14, item 2, the Python peer: the Oqtant result as the Python client reads it (json.loads),
its in-trap image reshaped into a NumPy array. Prints `mb_per_s <figure>` (10^6 bytes of wire JSON
per second) over the given number of seconds.

    python decode_peer.py FIXTURE SECONDS
"""
import json
import sys
import time

import numpy as np


def decode(text: str) -> np.ndarray:
    plot = json.loads(text)["inputs"][0]["output"]["values"]["it_plot"]
    return np.asarray(plot["pixels"], dtype=np.float64).reshape(plot["rows"], plot["columns"])


def main() -> None:
    path, seconds = sys.argv[1], float(sys.argv[2])
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")
    decode(text)  # warm-up: the first call imports and allocates
    decoded = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        decode(text)
        decoded += 1
    print(f"mb_per_s {decoded * len(raw) / (time.perf_counter() - start) / 1e6}")


if __name__ == "__main__":
    main()
