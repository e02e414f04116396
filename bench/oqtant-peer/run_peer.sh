#!/usr/bin/env bash
# Creates its own venv with Oqtant 3.3.4 (pinned) and runs its simulator on the benchmark cases.
# Usage: bench/oqtant-peer/run_peer.sh OUT_DIR [case ...]   (VENV=... to reuse a venv)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?output directory}"; shift
venv="${VENV:-${TMPDIR:-/tmp}/oqtant-3.3.4-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q oqtant==3.3.4 bert-schemas==4.6.11 pandas==2.2.3
fi
mkdir -p "$out"
"$venv/bin/python" "$here/peer_simulator.py" "$out" "$@"
