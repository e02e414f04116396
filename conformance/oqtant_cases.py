"""Seeded generator of Oqtant job documents for the differential validation check.

Each case is ``(label, document)``: a job document as ``generate_oqtant_job`` / ``POST {U}/jobs`` takes
it. Labels are stable ``kind:detail`` names (the allow-list matches them). The valid templates are a
BEC, a BARRIER, a PAINT_1D landscape with a terminator pulse, a NATIVE barrier and a multi-run job;
the mutations put every limited field at, inside and just outside each limit, and add wrong types,
missing and extra fields, unsorted lists, off-grid times and broken cross-field rules.
"""
from __future__ import annotations

import copy
import random
from typing import Any, Callable, Iterator

Doc = dict[str, Any]


def _rf(end_ms: int = 0) -> dict:
    return {"times_ms": [-1600, -1200, -800, -400, end_ms], "frequencies_mhz": [17.0, 8.0, 4.0, 1.2, 0.045],
            "powers_mw": [500.0, 500.0, 475.0, 360.0, 220.0], "interpolation": "LINEAR"}


def _job(name: str, *values: dict) -> Doc:
    return {"name": name, "inputs": [{"values": v, "notes": None} for v in values]}


def _bec() -> dict:
    return {"end_time_ms": 0.0, "image_type": "TIME_OF_FLIGHT", "time_of_flight_ms": 8.0, "rf_evaporation": _rf()}


def _barrier_values(height: float = 25.0) -> dict:
    barrier = {"times_ms": [0.0, 2.5, 5.0, 10.0], "positions_um": [-10.0, -5.0, 0.0, 5.0], "heights_khz": [0.0, height, height, 0.0],
               "widths_um": [1.0, 1.5, 2.0, 2.0], "interpolation": "LINEAR", "shape": "GAUSSIAN"}
    second = {"times_ms": [1.0, 20.0], "positions_um": [10.0, 10.0], "heights_khz": [40.0, 40.0], "widths_um": [3.0, 3.0],
              "interpolation": "OFF", "shape": "SQUARE"}
    return {"end_time_ms": 20.0, "image_type": "IN_TRAP", "time_of_flight_ms": 7.0, "rf_evaporation": _rf(),
            "optical_barriers": [barrier, second]}


def _landscape_values() -> dict:
    snaps = [{"time_ms": t, "positions_um": [-20.0, -5.0, 5.0, 20.0], "potentials_khz": [0.0, p, p, 0.0], "spatial_interpolation": "LINEAR"}
             for t, p in ((0.0, 0.0), (2.5, 10.0), (5.0, 20.0))]
    pulse = {"times_ms": [1.0, 2.0], "intensities_mw_per_cm2": [1.0, 1.0], "detuning_mhz": 0.0, "interpolation": "OFF"}
    return {"end_time_ms": 10.0, "image_type": "TIME_OF_FLIGHT", "time_of_flight_ms": 8.0, "rf_evaporation": _rf(),
            "optical_landscape": {"interpolation": "LINEAR", "landscapes": snaps},
            "lasers": [{"type": "TERMINATOR", "position_um": 30.0, "pulses": [pulse]}]}


def _native_values() -> dict:
    v = _barrier_values()
    v["optical_barriers"] = [{"times_ms": [0.0, 5.0], "positions_um": [0.0, 0.0], "heights_khz": [10.0, 20.0], "shape": "NATIVE"}]
    return v


TEMPLATES: dict[str, Callable[[], Doc]] = {
    "bec": lambda: _job("bec", _bec()),
    "barrier": lambda: _job("barrier", _barrier_values()),
    "landscape": lambda: _job("landscape", _landscape_values()),
    "native": lambda: _job("native", _native_values()),
    "multi": lambda: _job("multi", _barrier_values(10.0), _barrier_values(20.0), _barrier_values(30.0)),
}

V = ("inputs", 0, "values")
RF = V + ("rf_evaporation",)
B0 = V + ("optical_barriers", 0)
L = V + ("optical_landscape",)
S0 = L + ("landscapes", 0)
P0 = V + ("lasers", 0, "pulses", 0)
MISSING = object()


def _get(doc: Doc, path: tuple) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _set(doc: Doc, path: tuple, value: Any) -> Doc:
    parent = _get(doc, path[:-1])
    if value is MISSING:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return doc


def _with(template: str, *changes: tuple[tuple, Any]) -> Doc:
    doc = TEMPLATES[template]()
    for path, value in changes:
        _set(doc, path, value)
    return doc


def _grid(x: float) -> float:
    return round(x, 1)


class Generator:
    """Produces the cases in a fixed order for one seed."""

    def __init__(self, seed: int):
        self.r = random.Random(seed)

    def cases(self) -> Iterator[tuple[str, Doc]]:
        yield from self.templates()
        yield from self.scalar_limits()
        yield from self.item_limits()
        yield from self.list_sizes()
        yield from self.strings()
        yield from self.enums()
        yield from self.types()
        yield from self.missing_and_extra()
        yield from self.order_and_uniqueness()
        yield from self.grid()
        yield from self.cross_field()
        yield from self.random_mixes(150)

    def templates(self):
        for name in TEMPLATES:
            yield f"valid:{name}", TEMPLATES[name]()

    def _bounds(self, label: str, template: str, path: tuple, lo: float, hi: float, step: float, extra=()):
        """At lo and hi, one random inside value, and one step outside on each side."""
        inside = lo + (hi - lo) * self.r.random()
        inside = _grid(inside) if step == 0.1 else (round(inside) if step == 1 else inside)
        for tag, value in (("at-min", lo), ("at-max", hi), ("inside", inside), ("below-min", lo - step), ("above-max", hi + step)):
            yield f"limit:{label}:{tag}", _with(template, *extra, (path, value))

    def scalar_limits(self):
        yield from self._bounds("end_time_ms", "bec", V + ("end_time_ms",), 0.0, 200.0, 0.1)
        yield from self._bounds("time_of_flight_ms", "bec", V + ("time_of_flight_ms",), 2.0, 20.0, 0.1)
        yield from self._bounds("time_of_flight_ms-tiny", "bec", V + ("time_of_flight_ms",), 2.0, 20.0, 1e-6)

    def item_limits(self):
        r = self.r
        i = r.randrange(5)
        yield from self._bounds("rf.frequencies_mhz", "bec", RF + ("frequencies_mhz", i), 0.0, 25.0, 1e-6)
        yield from self._bounds("rf.powers_mw", "bec", RF + ("powers_mw", i), 0.0, 1000.0, 1e-6)
        yield from self._bounds("rf.times_ms[0]", "bec", RF + ("times_ms", 0), -2000, -1300, 1)
        yield from self._bounds("rf.times_ms[last]", "bec", RF + ("times_ms", 4), 0, 200, 1, extra=[(V + ("end_time_ms",), 200.0)])
        k = r.randrange(4)
        yield from self._bounds("barrier.positions_um", "barrier", B0 + ("positions_um", k), -60.0, 60.0, 1e-6)
        yield from self._bounds("barrier.positions_um-step", "barrier", B0 + ("positions_um", k), -60.0, 60.0, 0.1)
        yield from self._bounds("barrier.heights_khz", "barrier", B0 + ("heights_khz", k), 0.0, 100.0, 1e-6)
        yield from self._bounds("barrier.widths_um", "barrier", B0 + ("widths_um", k), 0.5, 20.0, 1e-6)
        yield from self._bounds("barrier.widths_um-step", "barrier", B0 + ("widths_um", k), 0.5, 20.0, 0.1)
        yield from self._bounds("barrier.times_ms[last]", "barrier", B0 + ("times_ms", 3), 5.1, 20.0, 0.1)
        yield from self._bounds("barrier.times_ms[last]-end200", "barrier", B0 + ("times_ms", 3), 5.1, 200.0, 0.1,
                                extra=[(V + ("end_time_ms",), 200.0)])
        yield from self._bounds("barrier.times_ms[0]", "barrier", B0 + ("times_ms", 0), 0.0, 2.4, 0.1)
        j = r.randrange(4)
        yield from self._bounds("landscape.positions_um[0]", "landscape", S0 + ("positions_um", 0), -60.0, -5.0, 1e-6)
        yield from self._bounds("landscape.positions_um[last]", "landscape", S0 + ("positions_um", 3), 5.0, 60.0, 1e-6)
        yield from self._bounds("landscape.potentials_khz", "landscape", S0 + ("potentials_khz", j), 0.0, 100.0, 1e-6)
        yield from self._bounds("landscape.time_ms[last]", "landscape", L + ("landscapes", 2, "time_ms"), 2.6, 10.0, 0.1)
        yield from self._bounds("pulse.times_ms[1]", "landscape", P0 + ("times_ms", 1), 1.1, 10.0, 0.1)
        for tag, value in (("one", 1.0), ("zero", 0.0), ("two", 2.0), ("near-one", 1.0 + 1e-9)):
            yield f"limit:pulse.intensity:{tag}", _with("landscape", (P0 + ("intensities_mw_per_cm2", 1), value))
        for tag, value in (("zero", 0.0), ("one", 1.0), ("negative", -0.5)):
            yield f"limit:pulse.detuning_mhz:{tag}", _with("landscape", (P0 + ("detuning_mhz",), value))
        for tag, value in (("30", 30.0), ("30-int", 30), ("29.9", 29.9), ("31", 31.0)):
            yield f"limit:laser.position_um:{tag}", _with("landscape", (V + ("lasers", 0, "position_um"), value))

    def _resized_barrier(self, n: int) -> Doc:
        times = [_grid(0.5 * i) for i in range(n)]
        barrier = {"times_ms": times, "positions_um": [0.0] * n, "heights_khz": [10.0] * n, "widths_um": [1.0] * n,
                   "interpolation": "LINEAR", "shape": "GAUSSIAN"}
        return _with("barrier", (V + ("end_time_ms",), 20.0), (B0, barrier))

    def _resized_snapshot(self, n: int) -> Doc:
        positions = [_grid(-60.0 + 120.0 * i / max(n - 1, 1)) for i in range(n)]
        snap = {"time_ms": 0.0, "positions_um": positions, "potentials_khz": [5.0] * n, "spatial_interpolation": "LINEAR"}
        return _with("landscape", (S0, snap))

    def _resized_rf(self, n: int) -> Doc:
        times = list(range(-20 * n, 0, 20))[-n:] if n else []
        times = [t - times[-1] for t in times] if times else []
        rf = {"times_ms": times, "frequencies_mhz": [5.0] * n, "powers_mw": [400.0] * n, "interpolation": "LINEAR"}
        return _with("bec", (RF, rf))

    def list_sizes(self):
        for n in (1, 2, 3, 19, 20, 21):
            yield f"size:barrier.keyframes:{n}", self._resized_barrier(n)
        for n in (1, 2, 60, 121, 122):
            yield f"size:landscape.points:{n}", self._resized_snapshot(n)
        for n in (0, 1, 2, 20, 21):
            yield f"size:rf.points:{n}", self._resized_rf(n)
        barrier = _barrier_values()["optical_barriers"][0]
        for n in (0, 1, 10, 11):
            yield f"size:barriers:{n}", _with("barrier", (V + ("optical_barriers",), [copy.deepcopy(barrier) for _ in range(n)]))
        snaps = _landscape_values()["optical_landscape"]["landscapes"]
        for n in (1, 2, 5, 6):
            chosen = [dict(copy.deepcopy(snaps[i % 3]), time_ms=_grid(1.5 * i)) for i in range(n)]
            yield f"size:snapshots:{n}", _with("landscape", (L + ("landscapes",), chosen))
        one = _barrier_values()
        for n in (0, 1, 30, 31):
            doc = _job("runs", *[copy.deepcopy(one) for _ in range(n)])
            yield f"size:inputs:{n}", doc
        laser = _landscape_values()["lasers"][0]
        for n in (0, 2):
            yield f"size:lasers:{n}", _with("landscape", (V + ("lasers",), [copy.deepcopy(laser) for _ in range(n)]))
            yield f"size:pulses:{n}", _with("landscape", (V + ("lasers", 0, "pulses"), [copy.deepcopy(laser["pulses"][0]) for _ in range(n)]))
        yield "size:pulse.times:3", _with("landscape", (P0 + ("times_ms",), [1.0, 2.0, 3.0]), (P0 + ("intensities_mw_per_cm2",), [1.0, 1.0, 1.0]))
        yield "size:pulse.intensities:3", _with("landscape", (P0 + ("intensities_mw_per_cm2",), [1.0, 1.0, 1.0]))

    def strings(self):
        astral = "\U0001D411"  # one code point, two UTF-16 units
        for tag, value in (("empty", ""), ("1", "a"), ("50", "n" * 50), ("51", "n" * 51), ("50-astral", astral * 50),
                           ("51-astral", astral * 51), ("49-astral+1", astral * 49 + "é")):
            yield f"string:name:{tag}", _with("bec", (("name",), value))
        for tag, value in (("empty", ""), ("500", "x" * 500), ("501", "x" * 501), ("500-astral", astral * 500), ("501-astral", astral * 501)):
            yield f"string:notes:{tag}", _with("bec", (("inputs", 0, "notes"), value))

    def enums(self):
        fields = [
            ("image_type", "bec", V + ("image_type",), ["IN_TRAP", "TIME_OF_FLIGHT", "MOT"], ["in_trap", "FOO", ""]),
            ("rf.interpolation", "bec", RF + ("interpolation",), ["LINEAR", "OFF", "PREVIOUS"], ["SMOOTH", "linear", "CUBIC"]),
            ("barrier.interpolation", "barrier", B0 + ("interpolation",),
             ["LINEAR", "SMOOTH", "OFF", "ZERO", "SLINEAR", "QUADRATIC", "CUBIC", "NEAREST", "PREVIOUS", "NEXT"], ["SPLINE", "linear"]),
            ("barrier.shape", "barrier", B0 + ("shape",), ["GAUSSIAN", "LORENTZIAN", "SQUARE"], ["CIRCLE", "gaussian"]),
            ("landscape.interpolation", "landscape", L + ("interpolation",), ["LINEAR", "OFF", "NEAREST"], ["SPLINE"]),
            ("landscape.spatial_interpolation", "landscape", S0 + ("spatial_interpolation",), ["LINEAR", "CUBIC", "PREVIOUS"], ["linear", "X"]),
            ("pulse.interpolation", "landscape", P0 + ("interpolation",), ["OFF"], ["LINEAR", "SPLINE"]),
            ("laser.type", "landscape", V + ("lasers", 0, "type"), ["TERMINATOR"], ["BRAGG", "LASER"]),
            ("origin", "bec", ("origin",), ["WEB", "OQTAPI", None], ["APP", 1]),
            ("status", "bec", ("status",), ["PENDING", "COMPLETE", "CANCELLED"], ["DONE", None]),
            ("qpu_name", "bec", ("qpu_name",), ["SMALLBERT", "UNDEFINED", "SIMULATOR"], ["BERT", None]),
        ]
        for label, template, path, good, bad in fields:
            for value in good:
                yield f"enum:{label}:ok-{value}", _with(template, (path, value))
            for value in bad:
                yield f"enum:{label}:bad-{value}", _with(template, (path, value))

    def types(self):
        wrong = [
            ("end_time_ms", "bec", V + ("end_time_ms",), ["10", None, [1.0], {"a": 1}, True, 5]),
            ("time_of_flight_ms", "bec", V + ("time_of_flight_ms",), ["8.0", True, 8]),
            ("rf.frequencies_mhz[0]", "bec", RF + ("frequencies_mhz", 0), ["1.5", None, True]),
            ("rf.times_ms[4]", "bec", RF + ("times_ms", 4), [0.0, "0", 0.5, None]),
            ("rf.times_ms", "bec", RF + ("times_ms",), [5, None]),
            ("barrier.heights_khz", "barrier", B0 + ("heights_khz",), ["10", 10.0]),
            ("barrier.times_ms[1]", "barrier", B0 + ("times_ms", 1), ["2.5", 3]),
            ("optical_barriers", "barrier", V + ("optical_barriers",), [{}, None, "x"]),
            ("optical_landscape", "landscape", L, [[], None]),
            ("lasers", "landscape", V + ("lasers",), [None, {}]),
            ("name", "bec", ("name",), [5, None, ["a"]]),
            ("notes", "bec", ("inputs", 0, "notes"), [5, ["a"]]),
            ("inputs", "bec", ("inputs",), [{}, None, "x"]),
            ("values", "bec", ("inputs", 0, "values"), [[], None]),
            ("run", "multi", ("inputs", 1, "run"), [2, "2", 1.5, "a", 0, -1, True]),
            ("job_id", "bec", ("inputs", 0, "job_id"), [7, "7", "x", 1.5]),
            ("input_count", "bec", ("input_count",), [1, 3, "1", 1.5, None]),
            ("display", "bec", ("display",), [True, False, "yes", 2]),
            ("output", "bec", ("inputs", 0, "output"), [None, 5]),
            ("time_start", "bec", ("time_start",), ["2024-08-07T10:00:00Z", "yesterday", None]),
        ]
        for label, template, path, values in wrong:
            for value in values:
                yield f"type:{label}:{type(value).__name__}-{str(value)[:12]}", _with(template, (path, value))

    def missing_and_extra(self):
        required = [("name", "bec", ("name",)), ("inputs", "bec", ("inputs",)), ("values", "bec", ("inputs", 0, "values")),
                    ("end_time_ms", "bec", V + ("end_time_ms",)), ("image_type", "bec", V + ("image_type",)),
                    ("time_of_flight_ms", "bec", V + ("time_of_flight_ms",)), ("rf_evaporation", "bec", RF),
                    ("rf.frequencies_mhz", "bec", RF + ("frequencies_mhz",)), ("rf.powers_mw", "bec", RF + ("powers_mw",)),
                    ("rf.interpolation", "bec", RF + ("interpolation",)), ("landscape.landscapes", "landscape", L + ("landscapes",)),
                    ("laser.pulses", "landscape", V + ("lasers", 0, "pulses")), ("pulse.times_ms", "landscape", P0 + ("times_ms",))]
        for label, template, path in required:
            yield f"missing:{label}", _with(template, (path, MISSING))
        defaulted = [("rf.times_ms", "bec", RF + ("times_ms",)), ("barrier.widths_um", "barrier", B0 + ("widths_um",)),
                     ("barrier.interpolation", "barrier", B0 + ("interpolation",)), ("barrier.shape", "barrier", B0 + ("shape",)),
                     ("barrier.times_ms", "barrier", B0 + ("times_ms",)), ("native.widths_um-present", "native", None),
                     ("snapshot.time_ms", "landscape", S0 + ("time_ms",)), ("snapshot.spatial_interpolation", "landscape", S0 + ("spatial_interpolation",)),
                     ("landscape.interpolation", "landscape", L + ("interpolation",)), ("laser.type", "landscape", V + ("lasers", 0, "type")),
                     ("laser.position_um", "landscape", V + ("lasers", 0, "position_um")),
                     ("pulse.intensities", "landscape", P0 + ("intensities_mw_per_cm2",)),
                     ("pulse.detuning_mhz", "landscape", P0 + ("detuning_mhz",)), ("pulse.interpolation", "landscape", P0 + ("interpolation",)),
                     ("notes", "bec", ("inputs", 0, "notes"))]
        for label, template, path in defaulted:
            if path is None:
                doc = _with(template)
                _get(doc, B0)["widths_um"] = [0.5, 0.5]
                yield f"default:{label}", doc
                _get(doc, B0)["widths_um"] = [0.5, 1.0]
                yield "cross:native.widths_um-not-0.5", doc
                continue
            yield f"default:{label}", _with(template, (path, MISSING))
        extras = [("top", "bec", ()), ("input", "bec", ("inputs", 0)), ("values", "bec", V), ("rf_evaporation", "bec", RF),
                  ("barrier", "barrier", B0), ("landscape", "landscape", L), ("snapshot", "landscape", S0),
                  ("laser", "landscape", V + ("lasers", 0)), ("pulse", "landscape", P0)]
        for label, template, path in extras:
            doc = _with(template)
            _get(doc, path)["unexpected_key"] = 1
            yield f"extra:{label}", doc

    def order_and_uniqueness(self):
        yield "unsorted:barrier.times_ms", _with("barrier", (B0 + ("times_ms",), [0.0, 5.0, 2.5, 10.0]))
        yield "unsorted:rf.times_ms", _with("bec", (RF + ("times_ms",), [-1200, -1600, -800, -400, 0]))
        yield "unsorted:landscape.positions_um", _with("landscape", (S0 + ("positions_um",), [-5.0, -20.0, 5.0, 20.0]))
        snaps = _landscape_values()["optical_landscape"]["landscapes"]
        yield "unsorted:landscape.snapshots", _with("landscape", (L + ("landscapes",), [snaps[1], snaps[0], snaps[2]]))
        yield "unsorted:pulse.times_ms", _with("landscape", (P0 + ("times_ms",), [2.0, 1.0]))
        yield "duplicate:barrier.times_ms", _with("barrier", (B0 + ("times_ms",), [0.0, 2.5, 2.5, 10.0]))
        yield "duplicate:rf.times_ms", _with("bec", (RF + ("times_ms",), [-1600, -1200, -1200, -400, 0]))
        yield "duplicate:rf.times_ms-unsorted", _with("bec", (RF + ("times_ms",), [-1600, -400, -1200, -400, 0]))
        yield "duplicate:pulse.times_ms", _with("landscape", (P0 + ("times_ms",), [1.0, 1.0]))
        yield "duplicate:landscape.positions_um", _with("landscape", (S0 + ("positions_um",), [-20.0, 0.0, 0.0, 20.0]))
        yield "duplicate:landscape.time_ms", _with("landscape", (L + ("landscapes", 1, "time_ms"), 0.0))

    def grid(self):
        off = [0.05, 0.15, 0.30000000000000004, 1.23, 199.9999, 2.5000000001]
        for t in off:
            yield f"grid:end_time_ms:{t}", _with("bec", (V + ("end_time_ms",), t))
            yield f"grid:barrier.times_ms[1]:{t}", _with("barrier", (B0 + ("times_ms", 1), min(t, 4.9)))
        for t in (8.05, 7.999999999, 8.0000000001):
            yield f"grid:time_of_flight_ms:{t}", _with("bec", (V + ("time_of_flight_ms",), t))
        for t in (2.55, 0.1 + 0.2):
            yield f"grid:landscape.time_ms:{t}", _with("landscape", (L + ("landscapes", 1, "time_ms"), t))
            yield f"grid:pulse.times_ms[0]:{t}", _with("landscape", (P0 + ("times_ms", 0), min(t, 1.95)))
        for t in (0.7, 1.9, 3.3):  # tenths whose doubles are inexact: still on the grid
            yield f"grid:on:barrier.times_ms[1]:{t}", _with("barrier", (B0 + ("times_ms", 1), t))

    def cross_field(self):
        yield "cross:barrier.after-end", _with("barrier", (V + ("end_time_ms",), 15.0))
        yield "cross:landscape.after-end", _with("landscape", (V + ("end_time_ms",), 4.9))
        yield "cross:pulse.after-end", _with("landscape", (V + ("end_time_ms",), 5.0), (P0 + ("times_ms",), [4.0, 5.1]))
        yield "cross:rf.after-end", _with("bec", (RF + ("times_ms", 4), 5), (V + ("end_time_ms",), 4.0))
        yield "cross:rf.shield-within-end", _with("bec", (RF + ("times_ms", 4), 5), (V + ("end_time_ms",), 5.0))
        yield "cross:rf.one-not-positive", _with("bec", (RF + ("times_ms",), [-1600, 1, 2, 3, 4]), (V + ("end_time_ms",), 10.0))
        yield "cross:rf.two-not-positive", _with("bec", (RF + ("times_ms",), [-1600, 0, 2, 3, 4]), (V + ("end_time_ms",), 10.0))
        yield "cross:rf.unequal", _with("bec", (RF + ("powers_mw",), [1.0, 2.0]))
        yield "cross:barrier.unequal", _with("barrier", (B0 + ("widths_um",), [1.0, 1.0, 1.0]))
        yield "cross:barrier.unequal-positions", _with("barrier", (B0 + ("positions_um",), [1.0, 1.0, 1.0, 1.0, 1.0]))
        yield "cross:landscape.unequal", _with("landscape", (S0 + ("potentials_khz",), [1.0, 1.0, 1.0]))
        yield "cross:native-default-widths-follow-heights", _with("native", (B0 + ("heights_khz",), [1.0, 2.0]))
        yield "cross:native-unequal-heights", _with("native", (B0 + ("heights_khz",), [1.0, 2.0, 3.0]))
        multi = TEMPLATES["multi"]()
        multi["inputs"][1]["values"] = _bec()
        yield "cross:runs-of-different-job-types", multi
        for given in ("BEC", "BARRIER", "PAINT_1D"):
            yield f"cross:job_type-given-{given}-for-barrier", _with("barrier", (("job_type",), given))

    def random_mixes(self, n: int):
        """Random templates with one or two random edits of a numeric leaf: a perturbation, a sign flip or a grid nudge."""
        r = self.r
        for k in range(n):
            template = r.choice(list(TEMPLATES))
            doc = TEMPLATES[template]()
            edits = []
            for _ in range(r.choice((1, 2))):
                path = r.choice(list(_numeric_leaves(doc)))
                old = _get(doc, path)
                how = r.choice(("scale", "negate", "nudge", "grid", "big"))
                if how == "scale":
                    new = old * r.choice((0.5, 1.5, 2.0, 3.0))
                elif how == "negate":
                    new = -old
                elif how == "nudge":
                    new = old + r.choice((-1, 1)) * r.choice((0.05, 0.1, 1e-7))
                elif how == "grid":
                    new = _grid(old + r.uniform(-3, 3))
                else:
                    new = old + r.choice((-1, 1)) * r.uniform(50, 300)
                if isinstance(old, int) and not isinstance(old, bool) and path[-2] == "times_ms":
                    new = int(round(new))
                _set(doc, path, new)
                edits.append(f"{'.'.join(map(str, path[3:]))}={how}")
            yield f"random:{template}:{k}:{','.join(edits)}", doc


def _numeric_leaves(doc: Any, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from _numeric_leaves(value, path + (key,))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            yield from _numeric_leaves(value, path + (i,))
    elif isinstance(doc, (int, float)) and not isinstance(doc, bool) and path[:1] == ("inputs",):
        yield path
