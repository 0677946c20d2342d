package io.robustgate.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static double[] values(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble();
        }
        return values;
    }

    @Test
    void meanAndSampleStandardDeviation() {
        Summary summary = Summary.of(new double[] {1, 2, 3, 4}, 1);
        assertEquals(2.5, summary.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3), summary.std(), 1e-12);
        assertEquals(4, summary.n());
    }

    @Test
    void intervalSurroundsTheMeanAndNarrowsWithMoreSamples() {
        Summary small = Summary.of(values(20, 3), 7);
        Summary large = Summary.of(values(500, 3), 7);
        assertTrue(small.ciLow() <= small.mean() && small.mean() <= small.ciHigh());
        assertTrue(large.ciHigh() - large.ciLow() < small.ciHigh() - small.ciLow());
    }

    @Test
    void sameSeedSameInterval() {
        double[] data = values(48, 5);
        assertEquals(Summary.of(data, 11), Summary.of(data, 11));
        assertNotEquals(Summary.of(data, 11).ciLow(), Summary.of(data, 12).ciLow());
    }

    @Test
    void constantValuesGiveADegenerateInterval() {
        Summary summary = Summary.of(new double[] {0.9, 0.9, 0.9}, 1);
        assertEquals(0.9, summary.ciLow(), 1e-12);
        assertEquals(0.9, summary.ciHigh(), 1e-12);
        assertEquals(0.0, summary.std(), 1e-12);
    }
}
