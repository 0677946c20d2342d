package io.robustgate.evaluation.sequential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java sequences against an independent numpy re-derivation ({@code python/sequential_crosscheck.py}, vectorised
 * over the whole grid with an "ever rejected" mask rather than a contiguous surviving range): the bounds after every
 * observation of six cases (i.i.d. and without replacement; Dice-like, mixture and drop data; α 0.05 and 0.025) in
 * {@code sequential/crosscheck.csv}.
 */
class SequentialCrossCheckTest {

    private record Row(double lo, double hi, double alpha, int population, double x, double lower, double upper) {
    }

    @Test
    void javaBoundsMatchTheNumpyReference() throws Exception {
        Map<String, List<Row>> cases = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/sequential/crosscheck.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",");
                cases.computeIfAbsent(f[0] + "/" + f[1] + "/" + f[4], k -> new ArrayList<>()).add(new Row(
                        Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]), Integer.parseInt(f[5]),
                        Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9])));
            }
        }
        assertEquals(6, cases.size());
        for (Map.Entry<String, List<Row>> e : cases.entrySet()) {
            Row first = e.getValue().get(0);
            ConfidenceSequence cs = first.population() == 0 ? new IidBettingSequence(first.lo(), first.hi(), first.alpha())
                    : new WithoutReplacementBettingSequence(first.population(), first.lo(), first.hi(), first.alpha());
            int t = 0;
            for (Row row : e.getValue()) {
                cs.observe(row.x());
                t++;
                assertEquals(row.lower(), cs.lower(), 1e-12, e.getKey() + " lower at t=" + t);
                assertEquals(row.upper(), cs.upper(), 1e-12, e.getKey() + " upper at t=" + t);
            }
            assertTrue(t >= 48, e.getKey());
        }
    }
}
