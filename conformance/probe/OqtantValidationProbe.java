// Qonduit's client-side validation of Oqtant job documents, for the conformance suite's differential
// check (conformance/oqtant_validation.py). Not SDK API: a single-file Java program the suite starts
// once as `java -cp $QONDUIT_PROBE_CLASSPATH OqtantValidationProbe.java` (conformance/run builds the
// SDK and exports that classpath).
//
// Reads one JSON job document per line on stdin and writes one verdict line per input on stdout:
//   {"verdict":"accept","body":"..."}     (body: the POST {U}/jobs body Qonduit would send for it)
//   {"verdict":"reject","field":"inputs[0].values.end_time_ms","message":"must be in 0.0..200.0 ms"}
//   {"verdict":"error","message":"..."}   (anything other than a ValidationException: a probe or SDK bug)
// The path under test is OqtantClient.generateOqtantJob(json), the SDK's equivalent of Python's
// generate_oqtant_job(job=dict): decode the document, then check every service limit.

import io.qonduit.errors.ValidationException;
import io.qonduit.errors.Violation;
import io.qonduit.oqtant.OqtantClient;
import io.qonduit.oqtant.model.OqtantJob;
import io.qonduit.oqtant.model.OqtantJson;
import io.qonduit.transport.Secret;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class OqtantValidationProbe {
    // Any JWT whose sub names a user: the client is built only to validate, it never sends anything.
    private static final String TOKEN =
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhdXRoMHxwcm9iZSJ9.c2lnbmF0dXJl";

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (OqtantClient client = OqtantClient.create(Secret.of(TOKEN), "http://127.0.0.1:9")) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(verdict(client, line));
            }
        }
    }

    private static String verdict(OqtantClient client, String json) {
        try {
            OqtantJob job = client.generateOqtantJob(json);
            return "{\"verdict\":\"accept\",\"body\":" + quote(OqtantJson.encodeSubmission(job)) + "}";
        } catch (ValidationException e) {
            Violation first = e.getViolations().get(0);
            return "{\"verdict\":\"reject\",\"field\":" + quote(first.getField()) + ",\"message\":" + quote(first.getLimit())
                + ",\"count\":" + e.getViolations().size() + "}";
        } catch (RuntimeException e) {
            return "{\"verdict\":\"error\",\"message\":" + quote(e.toString()) + "}";
        }
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
