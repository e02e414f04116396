"""Writes the Python reference job files Qonduit's byte-identity tests compare against.

Pinned environment (outside the project; the build never runs Python):

    python3.11 -m venv /tmp/oqtant-venv
    /tmp/oqtant-venv/bin/pip install oqtant==3.3.4 bert-schemas==4.6.11 pydantic==2.14.4 pydantic-core==2.50.5
    /tmp/oqtant-venv/bin/python test-fixtures/scripts/oqtant/generate_reference_files.py

Every `*.oqtant-3.3.4.txt` is what `OqtantClient.write_job_to_file` writes for the job
(`job.model_dump_json()`, oqtant/oqtant_client.py): the job is built exactly as the client builds
it (templates: `OqtantJob(**template)`; matter: `OqtantClient.convert_matter_to_job`; saved
documents: `OqtantJob(**json.loads(text))`, as `load_job_from_file` does). For the documents, the
input is kept next to the output as `*.source.json`. `fits.python.json` holds the client's own
bimodal fit (`OqtantNonPlotOutput.fit_bimodal_data2D`) on images Qonduit's fit tests also use
(seeded synthetic ones, and the simulator result fixture `result_sim_paint1d_tof.full.json`).
`numbers.pydantic.txt` is pydantic's spelling of seeded random doubles.

Output directory: test-fixtures/src/main/resources/fixtures/oqtant/python/
"""

import copy
import importlib.metadata as md
import json
import os
import sys

import numpy as np

from bert_schemas import job as job_schema
from oqtant import oqtant_client
from oqtant.fixtures import jobs as templates
from oqtant.schemas import quantum_matter as qm
from oqtant.schemas.job import OqtantJob
from oqtant.schemas.optical import Barrier, Landscape, Laser, Pulse, Snapshot
from oqtant.schemas.output import OqtantNonPlotOutput
from oqtant.schemas.rf import RfEvap, RfShield

PINNED = {"oqtant": "3.3.4", "bert-schemas": "4.6.11", "pydantic": "2.14.4", "pydantic-core": "2.50.5"}
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "main", "resources", "fixtures", "oqtant", "python")
PRISTINE_RF_EVAP = copy.deepcopy(qm.DEFAULT_RF_EVAP)


def check_versions():
    for name, version in PINNED.items():
        found = md.version(name)
        if found != version:
            sys.exit(f"{name} {found} installed, {version} pinned")


def write(name, job):
    # exactly the client's write: open(target, "w+") and f.write(str(job.model_dump_json()))
    with open(os.path.join(OUT, f"{name}.oqtant-3.3.4.txt"), "w+", encoding="utf-8") as f:
        f.write(str(job.model_dump_json()))


def from_matter(case, **kwargs):
    # QuantumMatter.rf_evaporation mutates the shared DEFAULT_RF_EVAP (temperature, rf_shield);
    # reset it so that every case starts from the published default.
    qm.DEFAULT_RF_EVAP.times_ms[:] = PRISTINE_RF_EVAP.times_ms
    qm.DEFAULT_RF_EVAP.frequencies_mhz[:] = PRISTINE_RF_EVAP.frequencies_mhz
    qm.DEFAULT_RF_EVAP.powers_mw[:] = PRISTINE_RF_EVAP.powers_mw
    matter = qm.QuantumMatter(**kwargs)
    write(case, oqtant_client.OqtantClient.convert_matter_to_job(None, matter))


def from_document(name, document):
    text = json.dumps(document, ensure_ascii=False, indent=2)
    with open(os.path.join(OUT, f"{name}.source.json"), "w", encoding="utf-8") as f:
        f.write(text)
    write(name, OqtantJob(**json.loads(text)))


def tof_output(pixels, pixcal=4.4):
    image = {"pixels": pixels, "rows": 10, "columns": 10, "pixcal": pixcal}
    return {
        "mot_fluorescence_image": {"pixels": [0.0, 3000.0, 17.0, 1.5], "rows": 2, "columns": 2, "pixcal": 1.0},
        "tof_image": image,
        "tof_fit_image": image,
        "tof_fit": {"gaussian_od": 0.1, "gaussian_sigma_x": 8.25, "gaussian_sigma_y": 1e-05, "tf_od": 1e16,
                    "tf_x": 12.0, "tf_y": 0.30000000000000004, "x_0": 131.0, "y_0": -0.0, "offset": 5e-324},
        "tof_x_slice": {"points": [{"x": 0.0, "y": 1.5e-07}, {"x": 1.0, "y": -2.5}]},
        "tof_y_slice": {"points": [{"x": 0.0, "y": 123456789012345678.0}, {"x": 1.0, "y": 1e22}]},
        "total_mot_atom_number": 1234567, "tof_atom_number": 0, "thermal_atom_number": 4321,
        "condensed_atom_number": 10000, "temperature_nk": 87,
    }


def job_files():
    write("template_bec", OqtantJob(**templates.ultracold_matter_job))
    write("template_barrier", OqtantJob(**templates.barrier_manipulator_job))

    from_matter("matter_default")
    from_matter("matter_bec_100nk", name="bec 100 nK", temperature=100, time_of_flight=8)
    from_matter("matter_barrier", name="barrier in trap", lifetime=20, image="IN_TRAP", time_of_flight=7,
                barriers=[Barrier.new(positions=[-10.0, -5.5, 0.1], heights=[0.0, 12.5, 33.3], widths=[1.0, 2.5, 0.75],
                                      times=[0.0, 5.0, 19.9], shape="LORENTZIAN", interpolation="SMOOTH"),
                          Barrier.new(positions=[12.345678901234567, 1e-05], heights=[100.0, 0.30000000000000004],
                                      widths=[19.999999999999996, 0.5], times=[0.1, 0.3])])
    from_matter("matter_landscape", name="painted step", lifetime=15, time_of_flight=12.5,
                landscape=Landscape.new(snapshots=[
                    Snapshot.new(time=0.0, positions=[-60.0, 0.0, 0.0, 60.0], potentials=[0.0, 0.0, 0.9, 0.9]),
                    Snapshot.new(time=7.5, positions=[-20.0, -1e-05, 1e-05, 20.0], potentials=[1e-07, 2.2, 99.99999999999999, 0.0],
                                 interpolation="CUBIC"),
                    Snapshot.new(time=15.0)]))
    from_matter("matter_terminator_shield", name="terminator + shield", lifetime=12.0, temperature=250,
                rf_shield=RfShield.new(lifetime=12.0, frequency=0.123, power=45.6),
                lasers=[qm.QuantumMatterFactory.create_terminator(1.0, 4.5)])
    from_matter("matter_rf_evap", name="custom evaporation", temperature=None,
                rf_evap=RfEvap.new(times=[-1500, -700, -3, 0], powers=[700.0, 1e-05, 333.3333333333333, 0.0],
                                   frequencies=[24.999999999999996, 2.0, 0.1, 0.0001]))
    from_matter("matter_unicode", name="Bose–Einstein ✓ café 😀 \"q\" \\ /",
                note="line 1\nline 2\ttab \x01 \x1f \x7f \u2028 \u00e9\u0301 \U0001F9CA ünïcödé « » ‘’ ☃")

    barrier = {"times_ms": [0.0, 10.0], "positions_um": [0, 5], "heights_khz": [0, 10], "widths_um": [1, 1],
               "interpolation": "LINEAR", "shape": "GAUSSIAN"}
    rf = {"times_ms": [-1600, -1200, -800, -400, 0], "frequencies_mhz": [17, 8, 4, 1.2, 0.045],
          "powers_mw": [500, 500, 475, 360, 220], "interpolation": "LINEAR"}
    from_document("document_multirun", {
        "name": "three runs", "job_type": "BARRIER", "input_count": 3,
        "inputs": [{"values": {"end_time_ms": 10, "image_type": "IN_TRAP", "time_of_flight_ms": 8, "rf_evaporation": rf,
                               "optical_barriers": [barrier]}, "notes": f"run {i}"} for i in range(1, 4)]})
    from_document("document_stale_job_type", {
        "name": "edited: a barrier was added", "job_type": "BEC", "status": "PENDING",
        "inputs": [{"run": 0, "values": {"end_time_ms": 10.0, "image_type": "TIME_OF_FLIGHT", "time_of_flight_ms": 8.0,
                                         "rf_evaporation": rf, "optical_barriers": [barrier]}}]})
    # every spelling of a UUID pydantic accepts is written hyphenated and lowercase
    for form, external_id in [("simple", "0339E46EA10D47DC8DC30ADD622DE17D"), ("braced", "{0339e46e-a10d-47dc-8dc3-0add622de17d}"),
                              ("urn", "urn:uuid:0339E46E-A10D-47DC-8DC3-0ADD622DE17D")]:
        from_document(f"document_uuid_{form}", dict(copy.deepcopy(templates.ultracold_matter_job), external_id=external_id))
    # pydantic writes a non-finite float as null (ser_json_inf_nan="null"); json.dumps spells the source NaN/Infinity
    nonfinite = dict(copy.deepcopy(templates.ultracold_matter_job), status="COMPLETE")
    nonfinite["inputs"][0]["output"] = {"input_id": 1, "values": tof_output(
        [float("nan"), float("inf"), float("-inf")] + [0.5] * 97)}
    from_document("document_nonfinite", nonfinite)
    from_document("document_complete_tof", {
        "name": "completed time of flight", "origin": "OQTAPI", "status": "COMPLETE", "display": False,
        "time_start": "2024-07-23T17:28:11.190705Z", "time_complete": "2024-07-23T17:28:26.231719Z",
        "qpu_name": "UNDEFINED", "input_count": 1,
        "external_id": "0339E46E-A10D-47DC-8DC3-0ADD622DE17D", "time_submit": "2024-07-23T17:28:10.450822Z",
        "job_type": "BEC", "qpu": {"name": "BIGBERT", "status": "ONLINE"}, "paid": True, "failed_inputs": [],
        "inputs": [{"job_id": 202145, "run": 1,
                    "values": {"end_time_ms": 0.0, "image_type": "TIME_OF_FLIGHT", "time_of_flight_ms": 12.0, "rf_evaporation": rf},
                    "output": {"input_id": 204137, "values": tof_output(
                        [0.0, -0.0, 1e-05, 1e-06, 2.5e-06, 0.1, 0.30000000000000004, 1.0, 100.0, 1e15,
                         1e16, 1.2345678901234568e16, 1e22, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308,
                         -1.5e-07, 9.999999999999999e-06, 0.000021730912908911257, 1.222634130858039e-43,
                         123456789.0, 10000000.0, 4.4, 0.344, 1 / 3, 2 / 3, 1e-4, 0.001, 3.0e-5, -7e-7]
                        + [round(0.01 * k - 0.37, 12) for k in range(70)])},
                    "notes": None}]})


def numbers():
    """pydantic's spelling of seeded random doubles: raw bit patterns, then every magnitude a job holds."""
    import random
    import struct

    from pydantic import BaseModel

    class Floats(BaseModel):
        x: list[float]

    rng = random.Random(20261201)
    values = [0.0, -0.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1e-5, 1e-6, 1e15, 1e16, 9007199254740993.0]
    while len(values) < 4000:
        v = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if v == v and abs(v) != float("inf"):
            values.append(v)
    values += [rng.uniform(-2, 2) * 10 ** rng.randint(-9, 19) for _ in range(3000)]
    values += [round(rng.uniform(-100, 100), rng.randint(0, 6)) for _ in range(1000)]
    spelled = Floats(x=values).model_dump_json()[len('{"x":['):-len("]}")].split(",")
    with open(os.path.join(OUT, "numbers.pydantic.txt"), "w", encoding="utf-8") as f:
        f.write("# IEEE-754 bits (hex) and pydantic-core's spelling of that double in model_dump_json\n")
        for v, s in zip(values, spelled):
            f.write("%016x %s\n" % (struct.unpack("<Q", struct.pack("<d", v))[0], s))


def fits():
    """The client's bimodal fit on images Qonduit's tests fit too (seeded synthetic ones)."""
    xy, _, _ = OqtantNonPlotOutput.get_image_space()
    cases = {
        "bimodal": [0.4, 11.0, 9.0, 1.2, 6.0, 5.0, 2.0, -3.0, 0.01],
        "thermal": [0.6, 10.0, 12.0, 0.0, 4.0, 6.0, -1.5, 0.5, 0.005],
        "condensate": [0.0, 8.0, 8.0, 1.5, 7.0, 9.0, 0.0, 1.0, 0.0],
    }
    results = {}
    rng = np.random.default_rng(20261201)
    for name, truth in cases.items():
        clean = oqtant_client_bimodal(xy, truth)
        # rounded to 1e-5 OD (far below the noise) to keep the fixture small; both fits see these pixels
        noisy = np.round(clean + rng.normal(0.0, 0.01, clean.shape), 5)
        output = minimal_output(noisy)
        params, _, _, r2 = output.fit_bimodal_data2D()
        results[name] = {"truth": truth, "noise_sigma": 0.01, "pixels": [float(v) for v in noisy.ravel()],
                         "python_fit": [float(p) for p in params], "r_squared": float(r2)}
    # the simulator's time-of-flight result already in the fixtures (its pixels are not repeated here)
    simulated = os.path.join(OUT, "..", "result_sim_paint1d_tof.full.json")
    with open(simulated, encoding="utf-8") as f:
        values = json.load(f)["inputs"][0]["output"]["values"]
    params, _, _, r2 = OqtantNonPlotOutput(**values).fit_bimodal_data2D()
    results["simulator"] = {"pixels_from": "result_sim_paint1d_tof.full.json", "python_fit": [float(p) for p in params],
                            "r_squared": float(r2)}
    with open(os.path.join(OUT, "fits.python.json"), "w", encoding="utf-8") as f:
        json.dump(results, f)


def oqtant_client_bimodal(xy, p):
    from oqtant.schemas.output import bimodal_dist_2D
    return bimodal_dist_2D(xy, *p).reshape(100, 100)


def minimal_output(image):
    blank = {"pixels": [0.0], "rows": 1, "columns": 1, "pixcal": 1.0}
    tof = {"pixels": [float(v) for v in image.ravel()], "rows": 100, "columns": 100, "pixcal": 4.4}
    fit = {k: 0.0 for k in ["gaussian_od", "gaussian_sigma_x", "gaussian_sigma_y", "tf_od", "tf_x", "tf_y", "x_0", "y_0", "offset"]}
    return OqtantNonPlotOutput(mot_fluorescence_image=blank, tof_image=tof, tof_fit_image=blank, tof_fit=fit,
                               tof_x_slice={"points": []}, tof_y_slice={"points": []}, total_mot_atom_number=0,
                               tof_atom_number=0, thermal_atom_number=0, condensed_atom_number=0, temperature_nk=0)


if __name__ == "__main__":
    check_versions()
    os.makedirs(OUT, exist_ok=True)
    job_files()
    numbers()
    fits()
