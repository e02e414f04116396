"""Checks the outputs of the executed qonduit.ipynb: each renderer's MIME type is there, SVG parses,
PNG decodes, and the numbers are the ones the notebook's experiments must give.

Prints one PASS/FAIL line per check and a closing 'N passed, N failed' line; exits 1 on any failure.
"""
import base64
import struct
import sys
import xml.etree.ElementTree as ET

import nbformat

SVG_NS = "{http://www.w3.org/2000/svg}"
results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(("PASS " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))


def outputs(cell):
    return [o for o in cell.get("outputs", []) if o.get("output_type") in ("execute_result", "display_data")]


def cell_with(notebook, text):
    """The code cell whose source contains text (cells are found by what they do, not by position)."""
    return next(c for c in notebook.cells if c.cell_type == "code" and text in c.source)


def png_size(data):
    raw = base64.b64decode(data)
    assert raw[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG signature"
    width, height = struct.unpack(">II", raw[16:24])  # IHDR comes first
    return width, height


notebook = nbformat.read(sys.argv[1], as_version=4)
errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
check("no cell failed", not errors, [f"{e.get('ename')}: {e.get('evalue')}" for e in errors])

job = outputs(cell_with(notebook, "local.createJob(bell"))
html = job[-1]["data"].get("text/html", "") if job else ""
check("a job renders as HTML", "qonduit-job" in html, html[:200])
check("the job's HTML shows status and provider", "COMPLETED" in html and "<td>local</td>" in html, html[:300])

item = outputs(cell_with(notebook, "output.items().single()"))
svg = item[-1]["data"].get("image/svg+xml", "") if item else ""
check("a result item renders as SVG", svg.startswith("<svg"), str(item)[:200])
if svg:
    bars = ET.fromstring(svg).iter(SVG_NS + "rect")
    counts = {b.get("data-bits"): int(b.get("data-count")) for b in bars}
    check("the histogram's bars are a Bell state's", set(counts) <= {"00", "11"} and len(counts) == 2, counts)
    check("the histogram's counts add up to the 1000 shots", sum(counts.values()) == 1000, counts)

composite_cell = cell_with(notebook, "composite.showProgress()")
composite_out = outputs(composite_cell)
progress = [o for o in composite_out if "qonduit-progress" in o["data"].get("text/html", "")]
check("live progress left exactly one display (updated in place)", len(progress) == 1, len(progress))
if progress:
    text = progress[0]["data"]["text/html"]
    check("the progress display shows the final state", "3/3 done (COMPLETED=3)" in text, text)
table = composite_out[-1]["data"].get("text/html", "") if composite_out else ""
check("a composite renders as a table of its jobs", table.count("<td>COMPLETED</td>") == 3, table[:300])

oqtant_out = outputs(cell_with(notebook, "Emulator.start()"))
oqtant_progress = [o for o in oqtant_out if "qonduit-job" in o["data"].get("text/html", "")]
check("the Oqtant job's live status ends COMPLETED", oqtant_progress and "COMPLETED" in oqtant_progress[-1]["data"]["text/html"],
      [o["data"].get("text/html", "")[:120] for o in oqtant_progress])
png = oqtant_out[-1]["data"].get("image/png") if oqtant_out else None
check("an Oqtant result renders as PNG", png is not None, str(oqtant_out[-1:])[:200])
if png:
    width, height = png_size(png)
    check("the PNG decodes to a plot with axes and colour bar", width > 100 and height > 100, (width, height))

slice_out = outputs(cell_with(notebook, "tof.tofXSlice"))
slice_svg = slice_out[-1]["data"].get("image/svg+xml", "") if slice_out else ""
check("a slice renders as SVG", slice_svg.startswith("<svg"), str(slice_out)[:200])
last = cell_with(notebook, "emulator.close()")
printed = "".join(o.get("text", "") for o in last.get("outputs", []) if o.get("output_type") == "stream")
if slice_svg:
    points = ET.fromstring(slice_svg).find(SVG_NS + "polyline").get("points").split()
    check("the slice's line has one point per slice value", f"slice points: {len(points)}" in printed, (len(points), printed))

passed, failed = results.count(True), results.count(False)
print(f"notebook: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
