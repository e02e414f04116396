"""Runs Oqtant 3.3.4's own simulator on the two benchmark cases of issue 12 and saves each result.

Usage: python peer_simulator.py OUT_DIR [barrier_in_trap|bec_tof ...]
Writes OUT_DIR/<case>.json: {"case", "seconds", "image": {pixels, rows, columns, pixcal},
"mu_sim", "tf_radius_x_um"} where the wall time covers ground state + evolution + time of flight
+ image (what `QuantumMatter.submit(sim=True)` + `get_sim_result()` does, without the login).
"""
import json
import sys
import time

import numpy as np
from bert_schemas import job as job_schema
from oqtant.schemas.optical import Barrier
from oqtant.schemas.quantum_matter import QuantumMatter
from oqtant.simulator import QMPotential, Simulator


def barrier_in_trap() -> QuantumMatter:
    # Two Gaussian barriers at -10 and +10 um, 1 um wide, ramping 0 -> 20 kHz over the 20 ms lifetime.
    barriers = [
        Barrier.new(positions=[x, x], heights=[0.0, 20.0], widths=[1.0, 1.0], times=[0.0, 20.0])
        for x in (-10.0, 10.0)
    ]
    return QuantumMatter(name="bench barrier", lifetime=20, image=job_schema.ImageType.IN_TRAP, barriers=barriers)


def bec_tof() -> QuantumMatter:
    # QuantumMatter defaults: lifetime 10 ms, TIME_OF_FLIGHT, 12 ms of flight, no optical objects.
    return QuantumMatter(name="bench bec")


CASES = {"barrier_in_trap": barrier_in_trap, "bec_tof": bec_tof}


def chemical_potential(sim: Simulator, psi: np.ndarray) -> float:
    """mu = <psi| -lap/2 + V + g|psi|^2 |psi> on the simulator's own grid and operators (sim units)."""
    sim.ground = True
    sim.tof_nf = sim.tof_ff = False
    grid = sim.wavefunction.three_d_grid
    h_psi = -0.5 * sim.get_laplacian(psi.copy()) + (sim.qm_potential.potential + sim.interaction_strength * np.abs(psi) ** 2) * psi
    weight = 2 * np.pi * grid.dx * grid.dr * grid.r
    return float(np.real(np.sum(weight * np.conj(psi) * h_psi)) / np.sum(weight * np.abs(psi) ** 2))


def axial_tf_radius_um(sim: Simulator, psi: np.ndarray) -> float:
    """Thomas-Fermi axial radius from the second moment of the axial profile: <x^2> = R^2 / 7 for a 3-D TF cloud."""
    grid = sim.wavefunction.three_d_grid
    weight = grid.r * np.abs(psi) ** 2
    x2 = np.sum(weight * grid.x ** 2) / np.sum(weight)
    return float(np.sqrt(7 * x2) * QMPotential.sim_length_to_oqt)


def run(case: str) -> dict:
    matter = CASES[case]()
    start = time.perf_counter()
    potential = QMPotential(matter)
    sim = Simulator(potential)
    sim.set_ground_state()
    ground = sim.psi_history[0].copy()
    sim.run_evolution()
    if matter.image == job_schema.ImageType.TIME_OF_FLIGHT:
        sim.run_TOF()
        image = sim.tof_output["tof_image"].model_dump()
    else:
        image = sim.it_plot["it_plot"]
    seconds = time.perf_counter() - start
    potential.update_potential(np.float64(0.0), clip=True)
    return {
        "case": case,
        "seconds": seconds,
        "image": {k: (list(map(float, v)) if k == "pixels" else v) for k, v in image.items()},
        "mu_sim": chemical_potential(sim, ground),
        "tf_radius_x_um": axial_tf_radius_um(sim, ground),
    }


if __name__ == "__main__":
    out_dir = sys.argv[1]
    for name in sys.argv[2:] or list(CASES):
        result = run(name)
        with open(f"{out_dir}/{name}.json", "w") as f:
            json.dump(result, f)
        print(f"{name}: {result['seconds']:.1f} s, mu = {result['mu_sim']:.4f}, R_x = {result['tf_radius_x_um']:.3f} um", flush=True)
