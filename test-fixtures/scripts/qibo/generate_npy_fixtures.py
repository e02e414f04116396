"""Writes small .npy files with real NumPy (and real qibo's result `dump`) for Qonduit's reader tests.

Every file NAME.npy comes with its expected content in expected.json, as NumPy itself reads it
back (`np.load(..., allow_pickle=True)`): descr, fortran_order, shape, version, and the elements
in row-major order (complex numbers as [re, im]; qibo results as the dict's decoded fields).
"""

import importlib.metadata as md
import json
import os
import pickle
import sys

import numpy as np

PINNED = {"numpy": "2.4.6", "qibo": "0.3.6"}
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "main", "resources", "fixtures", "qibo", "npy")
expected = {}


def check_versions():
    for name, version in PINNED.items():
        found = md.version(name)
        if found != version:
            sys.exit(f"{name} {found} installed, {version} pinned")


def plain(value):
    """JSON form of the elements, row-major."""
    flat = np.asarray(value).reshape(-1, order="C")
    if np.iscomplexobj(flat):
        return [[float(z.real), float(z.imag)] for z in flat]
    if flat.dtype.kind == "b":
        return [bool(x) for x in flat]
    if flat.dtype.kind in "iu":
        return [int(x) for x in flat]
    return [float(x) for x in flat]


def save(name, array, version=None):
    path = os.path.join(OUT, name + ".npy")
    with open(path, "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=False)
    back = np.load(path)
    with open(path, "rb") as f:
        major, minor = f.read(8)[6:8]
    expected[name] = {
        "descr": np.lib.format.dtype_to_descr(back.dtype),
        "fortran_order": bool(back.flags.f_contiguous and not back.flags.c_contiguous),
        "shape": list(back.shape),
        "version": f"{major}.{minor}",
        "values": plain(back),
    }


def numeric():
    save("bool", np.array([True, False, True]))
    save("int8", np.array([-128, 0, 127], dtype="i1"))
    save("int16_be", np.array([-32768, 1, 32767], dtype=">i2"))
    save("int32", np.array([-2147483648, 2, 2147483647], dtype="<i4"))
    save("int64_be", np.array([-(2**63), 3, 2**63 - 1], dtype=">i8"))
    save("uint8", np.array([0, 200, 255], dtype="u1"))
    save("uint16", np.array([0, 65535], dtype="<u2"))
    save("uint32_be", np.array([0, 4294967295], dtype=">u4"))
    save("uint64", np.array([0, 2**62 + 5], dtype="<u8"))
    save("float32", np.array([1.5, -0.25, 3.0e38], dtype="<f4"))
    save("float64_be", np.array([np.pi, -1e-300, 0.0], dtype=">f8"))
    save("complex64", np.array([1 + 2j, -0.5j], dtype="<c8"))
    save("complex128_be", np.array([0.5 - 0.5j, 1e10 + 1j], dtype=">c16"))
    save("float64_2d_c", np.arange(6, dtype="<f8").reshape(2, 3) / 4)
    save("int32_2d_fortran", np.asfortranarray(np.arange(6, dtype="<i4").reshape(2, 3)))
    save("int16_3d_fortran", np.asfortranarray(np.arange(24, dtype=">i2").reshape(2, 3, 4)))
    save("float64_0d", np.array(2.75))
    save("int64_empty", np.zeros((0, 3), dtype="<i8"))
    save("float64_v2", np.array([1.0, 2.0]), version=(2, 0))
    save("complex128_v3", np.array([1j, 2.0]), version=(3, 0))


def qibo_results():
    import qibo
    from qibo import Circuit, gates

    qibo.set_backend("numpy")
    np.random.seed(1234)
    qibo.get_backend().set_seed(1234)

    def dump(name, result):
        path = os.path.join(OUT, name + ".npy")
        result.dump(path)
        loaded = np.load(path, allow_pickle=True).item()
        entry = {"dtype": loaded["dtype"], "qibo": loaded["qibo"]}
        if "state" in loaded:
            entry["state"] = plain(loaded["state"])
        if "measurements" in loaded:
            entry["measured_qubits"] = [q for m in loaded["measurements"] for q in json.loads(m)["_target_qubits"]]
            entry["nshots"] = int(loaded["nshots"])
            entry["probabilities"] = None if loaded["probabilities"] is None else plain(loaded["probabilities"])
            entry["samples"] = None if loaded["samples"] is None else np.asarray(loaded["samples"]).tolist()
            rebuilt = qibo.result.load_result(path)
            entry["frequencies"] = dict(rebuilt.frequencies(binary=True)) if loaded["samples"] is not None else None
        expected[name] = entry

    state_only = Circuit(2)
    state_only.add(gates.H(0))
    state_only.add(gates.RY(1, 0.3))
    dump("qibo_quantum_state", state_only())

    ghz = Circuit(3)
    ghz.add(gates.H(0))
    ghz.add(gates.CNOT(0, 1))
    ghz.add(gates.CNOT(1, 2))
    ghz.add(gates.X(0))
    ghz.add(gates.M(2, 0, register_name="a"))
    ghz.add(gates.M(1, register_name="b"))
    result = ghz(nshots=20)
    result.samples()  # qibo 0.3 draws samples lazily; dump them
    dump("qibo_circuit_result", result)

    outcomes = qibo.result.MeasurementOutcomes(ghz.measurements, backend=qibo.get_backend(), samples=np.asarray(result.samples()), nshots=20)
    dump("qibo_measurement_outcomes", outcomes)


def hand_made_pickles():
    """Object arrays of NumPy written as np.save writes them, and the older module name of _reconstruct."""
    payload = {"dtype": "MeasurementOutcomes", "qibo": "0.3.6", "nshots": np.int64(4),
               "measurements": ['{"name": "measure", "_target_qubits": [1, 0], "_class": "M"}'],
               "probabilities": np.array([0.5, 0.0, 0.0, 0.5]),
               "samples": np.array([[1, 1], [0, 0], [1, 1], [1, 1]], dtype="<i8"),
               "extra": {"tuple": (1, 2.5, "x"), "complex": 1 + 2j, "none": None, "flag": True, "bytes": b"ab"}}
    array = np.empty((), dtype=object)
    array[()] = payload
    path = os.path.join(OUT, "object_dict.npy")
    np.save(path, array, allow_pickle=True)
    expected["object_dict"] = {"nshots": 4, "samples": payload["samples"].tolist(), "frequencies": {"11": 3, "00": 1}}

    # numpy < 2 names the reconstructor numpy.core.multiarray; protocol 2 writes globals as text.
    data = pickle.dumps(array, protocol=2).replace(b"numpy._core.multiarray", b"numpy.core.multiarray")
    with open(os.path.join(OUT, "object_dict_numpy1_names.npy"), "wb") as f:
        np.lib.format.write_array_header_1_0(f, np.lib.format.header_data_from_array_1_0(array))
        f.write(data)
    back = np.load(os.path.join(OUT, "object_dict_numpy1_names.npy"), allow_pickle=True).item()
    assert back["nshots"] == 4
    expected["object_dict_numpy1_names"] = expected["object_dict"]

    two_d = np.empty((2, 2), dtype=object, order="F")
    two_d[0, 0], two_d[0, 1], two_d[1, 0], two_d[1, 1] = "a", 1, 2.5, None
    np.save(os.path.join(OUT, "object_2d_fortran.npy"), two_d, allow_pickle=True)
    expected["object_2d_fortran"] = {"shape": [2, 2], "values": ["a", 1, 2.5, None]}


CIRCUITS = os.path.join(OUT, "..", "circuits")


def circuits():
    """qibo's own circuit JSON (Circuit.raw) for circuits Qonduit's writer must reproduce exactly."""
    from qibo import Circuit, gates

    every = Circuit(4)
    for g in [gates.H(0), gates.CNOT(0, 1), gates.RX(2, 0.5), gates.U3(1, 0.1, 0.2, 0.3), gates.CU1(0, 2, 0.7),
              gates.I(1), gates.S(0), gates.SDG(1), gates.T(2), gates.TDG(0), gates.SX(1), gates.SXDG(2),
              gates.RY(0, 0.25), gates.RZ(1, -0.5), gates.U1(2, 0.125), gates.U2(0, 0.5, 1.5),
              gates.CY(1, 2), gates.CZ(0, 2), gates.H(0).controlled_by(2), gates.CSX(0, 1),
              gates.CRX(0, 1, 0.1), gates.CRY(1, 2, 0.2), gates.CRZ(2, 0, 0.3), gates.SWAP(0, 2),
              gates.TOFFOLI(0, 1, 2), gates.RXX(0, 1, 0.4), gates.RZZ(1, 2, 0.6),
              gates.X(3).controlled_by(0, 1, 2), gates.SX(3).controlled_by(0, 1, 2), gates.SWAP(1, 2).controlled_by(0),
              gates.M(0, 1, register_name="c"), gates.M(3, register_name="d")]:
        every.add(g)
    ghz = Circuit(3)
    for g in [gates.H(0), gates.CNOT(0, 1), gates.CNOT(1, 2), gates.M(0, 1, 2, register_name="c")]:
        ghz.add(g)
    os.makedirs(CIRCUITS, exist_ok=True)
    for name, c in [("every_gate", every), ("ghz", ghz)]:
        with open(os.path.join(CIRCUITS, name + ".json"), "w") as f:
            json.dump(c.raw, f, indent=1)
            f.write("\n")


def main():
    check_versions()
    os.makedirs(OUT, exist_ok=True)
    numeric()
    hand_made_pickles()
    qibo_results()
    circuits()
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(expected)} fixtures to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
