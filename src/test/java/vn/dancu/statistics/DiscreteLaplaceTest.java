package vn.dancu.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The exact sampler against its distribution, from a seeded source (production uses SecureRandom). */
class DiscreteLaplaceTest {

    private static final int DRAWS = 200_000;

    @Test
    void noiseIsCentredSymmetricAndHasTheTheoreticalVariance() {
        for (String epsilon : new String[] {"1", "0.5", "0.1"}) {
            for (int sensitivity : new int[] {1, 2}) {
                DiscreteLaplace noise = new DiscreteLaplace(new SplittableRandom(42), new BigDecimal(epsilon), sensitivity);
                Map<Long, Integer> counts = new HashMap<>();
                double sum = 0;
                double squares = 0;
                for (int i = 0; i < DRAWS; i++) {
                    long z = noise.sample();
                    counts.merge(z, 1, Integer::sum);
                    sum += z;
                    squares += (double) z * z;
                }
                double mean = sum / DRAWS;
                double variance = squares / DRAWS - mean * mean;
                double expected = noise.variance();
                String what = "epsilon " + epsilon + ", sensitivity " + sensitivity;
                assertThat(Math.abs(mean)).as(what + ": mean").isLessThan(4 * Math.sqrt(expected / DRAWS));
                assertThat(variance / expected).as(what + ": variance / theory").isBetween(0.96, 1.04);
                for (long z = 1; z <= 3; z++) {
                    int plus = counts.getOrDefault(z, 0);
                    int minus = counts.getOrDefault(-z, 0);
                    assertThat(Math.abs(plus - minus)).as(what + ": P(%d) against P(-%d)", z, z)
                            .isLessThan((int) (5 * Math.sqrt(plus + minus)) + 1);
                }
                // P(0) = (1 − q) / (1 + q), q = exp(−ε/Δ)
                double q = Math.exp(-Double.parseDouble(epsilon) / sensitivity);
                double zero = counts.getOrDefault(0L, 0) / (double) DRAWS;
                assertThat(zero).as(what + ": P(0)").isCloseTo((1 - q) / (1 + q), org.assertj.core.data.Offset.offset(0.01));
            }
        }
    }

    @Test
    void aGreaterEpsilonGivesLessNoise() {
        assertThat(new DiscreteLaplace(new SplittableRandom(1), new BigDecimal("2"), 1).variance())
                .isLessThan(new DiscreteLaplace(new SplittableRandom(1), new BigDecimal("0.5"), 1).variance());
    }

    @Test
    void epsilonAndSensitivityMustBePositive() {
        assertThatThrownBy(() -> new DiscreteLaplace(new SplittableRandom(1), BigDecimal.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DiscreteLaplace(new SplittableRandom(1), BigDecimal.ONE, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
