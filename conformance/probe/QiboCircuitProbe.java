// Qonduit's qibo circuit JSON writer, for the conformance suite's round trip through the real qibo
// (the last section of conformance/suites/qibo.py). Not SDK API: a single-file Java program the
// suite starts once as `java -cp $QONDUIT_PROBE_CLASSPATH QiboCircuitProbe.java` (conformance/run
// builds the SDK and exports that classpath).
//
// Writes one line per circuit on stdout:
//   {"name":"ghz-dsl","json":{...},"probabilities":[...]}
// json: QiboCircuitJson.writeText(circuit), what QiboTarget posts; probabilities: Qonduit's own
// state-vector simulator's final-state probabilities (measurements ignored) in qibo's order, qubit 0
// the most significant bit of the index. Circuits come from the builder (what the Kotlin DSL calls)
// and from the OpenQASM parser, and use gates whose qibo forms need care: CU3's phase, controlled_by
// gates, definitions expanded.

import io.qonduit.circuit.Angle;
import io.qonduit.circuit.Circuit;
import io.qonduit.circuit.ClassicalRegister;
import io.qonduit.circuit.OpenQasm;
import io.qonduit.circuit.QuantumRegister;
import io.qonduit.qibo.QiboCircuitJson;
import io.qonduit.simulator.StateVectorSimulator;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

public class QiboCircuitProbe {
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        StateVectorSimulator simulator = new StateVectorSimulator(1L);
        for (Map.Entry<String, Circuit> e : circuits().entrySet()) {
            Circuit c = e.getValue();
            double[] ours = simulator.probabilities(c);
            int n = c.getNumQubits();
            double[] qiboOrder = new double[ours.length];
            for (int i = 0; i < ours.length; i++) qiboOrder[reverse(i, n)] = ours[i];
            StringJoiner p = new StringJoiner(",", "[", "]");
            for (double v : qiboOrder) p.add(Double.toString(v));
            out.println("{\"name\":\"" + e.getKey() + "\",\"json\":" + QiboCircuitJson.writeText(c) + ",\"probabilities\":" + p + "}");
        }
    }

    private static int reverse(int index, int n) {
        int r = 0;
        for (int b = 0; b < n; b++) if ((index >> b & 1) == 1) r |= 1 << (n - 1 - b);
        return r;
    }

    private static Map<String, Circuit> circuits() {
        Map<String, Circuit> all = new LinkedHashMap<>();
        QuantumRegister q = new QuantumRegister("q", 3);
        ClassicalRegister c = new ClassicalRegister("c", 3);
        all.put("ghz-builder", Circuit.builder().declare(q, c).h(q.get(0)).cx(q.get(0), q.get(1)).cx(q.get(1), q.get(2)).measure(q, c).build());

        QuantumRegister r = new QuantumRegister("q", 2);
        ClassicalRegister m = new ClassicalRegister("m", 2);
        // H · CU3 · H on the control: the controlled branch's phase shows in the control's probabilities.
        all.put("cu3-cu-phases-builder", Circuit.builder().declare(r, m)
            .h(r.get(0)).h(r.get(1)).cu3(0.7, 0.9, 1.3, r.get(0), r.get(1)).cu(0.4, -0.6, 0.8, 0.5, r.get(1), r.get(0))
            .h(r.get(0)).h(r.get(1)).measure(r.get(1), m.get(0)).measure(r.get(0), m.get(1)).build());

        all.put("every-gate-qasm2", OpenQasm.parse(String.join("\n",
            "OPENQASM 2.0; include \"qelib1.inc\";",
            "qreg q[4]; creg c[2]; creg d[1];",
            "h q[0]; h q[1]; h q[2]; h q[3];",
            "cx q[0],q[1]; rx(0.5) q[2]; u3(0.1,0.2,0.3) q[1]; cu1(0.7) q[0],q[2];",
            "id q[1]; s q[0]; sdg q[1]; t q[2]; tdg q[0]; sx q[1]; sxdg q[2];",
            "ry(0.25) q[0]; rz(-0.5) q[1]; u1(0.125) q[2]; u2(0.5,1.5) q[0];",
            "cy q[1],q[2]; cz q[0],q[2]; ch q[2],q[0]; csx q[0],q[1];",
            "crx(0.1) q[0],q[1]; cry(0.2) q[1],q[2]; crz(0.3) q[2],q[0]; swap q[0],q[2];",
            "ccx q[0],q[1],q[2]; rxx(0.4) q[0],q[1]; rzz(0.6) q[1],q[2];",
            "c3x q[0],q[1],q[2],q[3]; c3sqrtx q[0],q[1],q[2],q[3]; cswap q[0],q[1],q[2];",
            "h q[0]; h q[1]; h q[2]; h q[3];",
            "measure q[0] -> c[0]; measure q[1] -> c[1]; measure q[3] -> d[0];")));

        all.put("definitions-qasm3", OpenQasm.parse(String.join("\n",
            "OPENQASM 3.0; include \"stdgates.inc\";",
            "gate mine(theta) a, b { h a; crz(theta * 2) a, b; ry(theta) b; }",
            "qubit[3] q; bit[3] c;",
            "h q[0]; h q[1]; mine(0.35) q[1], q[2]; cp(pi / 3) q[0], q[2]; h q[2];",
            "c = measure q;")));

        all.put("relative-phase-toffoli-qasm2", OpenQasm.parse(String.join("\n",
            "OPENQASM 2.0; include \"qelib1.inc\";",
            "qreg q[4]; creg c[4];",
            "h q[0]; h q[1]; h q[2]; h q[3]; rccx q[0],q[1],q[2]; rc3x q[0],q[1],q[2],q[3]; u0(1) q[1];",
            "h q[0]; h q[1]; h q[2]; h q[3];",
            "measure q -> c;")));

        all.put("measure-order-builder", Circuit.builder().declare(q, c)
            .x(q.get(2)).ry(Angle.of(0.3), q.get(0)).measure(q.get(2), c.get(0)).measure(q.get(0), c.get(2)).measure(q.get(1), c.get(1)).build());
        return all;
    }
}
