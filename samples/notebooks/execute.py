"""Executes a notebook headless in the Kotlin kernel and writes the executed copy (outputs included)."""
import sys

import nbformat
from nbclient import NotebookClient

source, target = sys.argv[1], sys.argv[2]
notebook = nbformat.read(source, as_version=4)
# Generous per-cell limit: the first cell resolves the classpath and the kernel compiles every cell.
client = NotebookClient(notebook, timeout=300, kernel_name="kotlin", resources={"metadata": {"path": "."}})
try:
    client.execute()
finally:
    nbformat.write(notebook, target)
