#!/usr/bin/env bash
# Writes the .npy fixtures of Qonduit's Qibo tests with real NumPy and real qibo, pinned, in a
# virtual environment of its own (outside the project; the Maven build never runs Python):
#
#   bash test-fixtures/scripts/qibo/generate.sh
#
# Output: test-fixtures/src/main/resources/fixtures/qibo/npy/ (see PROVENANCE.md there).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${QIBO_FIXTURES_VENV:-${TMPDIR:-/tmp}/qonduit-qibo-fixtures-venv}"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --disable-pip-version-check -q -r "$here/requirements.txt"
fi
"$venv/bin/python" "$here/generate_npy_fixtures.py"
