package vn.dancu.statistics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * Noise from the discrete Laplace (two-sided geometric) distribution, P(z) ∝ exp(−ε·|z| / Δ), sampled
 * exactly with integers only, after Canonne, Kamath and Steinke, "The Discrete Gaussian for
 * Differential Privacy" (NeurIPS 2020), algorithms 1 and 2. No floating-point number is ever drawn or
 * compared, so the distribution has none of the holes and biases that rounding gives a sampler built
 * on {@code Math.log} (Mironov 2012). ε is a decimal written exactly (such as {@code 0.5}), so
 * ε/Δ = {@code numerator/denominator} is rational and every Bernoulli trial is a comparison of integers.
 *
 * <p>Production draws from {@link java.security.SecureRandom}; tests pass a seeded generator.
 */
final class DiscreteLaplace {

    private final RandomGenerator random;
    /** The scale's reciprocal ε/Δ as numerator / denominator (s / t in the paper). */
    private final long numerator;
    private final long denominator;

    /** @param epsilon the privacy parameter; @param sensitivity how much one person changes the table (L1) */
    DiscreteLaplace(RandomGenerator random, BigDecimal epsilon, int sensitivity) {
        if (epsilon.signum() <= 0 || sensitivity < 1) {
            throw new IllegalArgumentException("epsilon must be positive and the sensitivity at least 1");
        }
        BigDecimal exact = epsilon.stripTrailingZeros();
        BigInteger num = exact.scale() > 0 ? exact.unscaledValue() : exact.toBigIntegerExact();
        BigInteger den = exact.scale() > 0 ? BigInteger.TEN.pow(exact.scale()).multiply(BigInteger.valueOf(sensitivity))
                : BigInteger.valueOf(sensitivity);
        BigInteger gcd = num.gcd(den);
        this.random = random;
        this.numerator = num.divide(gcd).longValueExact();
        this.denominator = den.divide(gcd).longValueExact();
    }

    /** One draw of the noise. */
    long sample() {
        long s = numerator;
        long t = denominator;
        while (true) {
            long u = random.nextLong(t);
            if (!bernoulliExp(u, t)) {
                continue;
            }
            long v = 0;
            while (bernoulliExp(1, 1)) {
                v++;
            }
            long x = u + t * v;
            long y = x / s;
            boolean negative = random.nextBoolean();
            if (negative && y == 0) {
                continue;
            }
            return negative ? -y : y;
        }
    }

    /** The variance of the distribution, 2q/(1−q)² with q = exp(−ε/Δ): for documentation and tests only. */
    double variance() {
        double q = Math.exp(-(double) numerator / denominator);
        return 2 * q / ((1 - q) * (1 - q));
    }

    /** Bernoulli(exp(−n/d)) for n, d ≥ 0, d > 0 (algorithm 1 of the paper). */
    private boolean bernoulliExp(long n, long d) {
        while (n > d) {
            // exp(−γ) = exp(−1)^⌊γ⌋ · exp(−(γ − ⌊γ⌋)): one trial of exp(−1) per whole unit.
            if (!bernoulliExpAtMostOne(1, 1)) {
                return false;
            }
            n -= d;
        }
        return bernoulliExpAtMostOne(n, d);
    }

    /** Bernoulli(exp(−n/d)) for 0 ≤ n/d ≤ 1: the parity of the first failure of Bernoulli(γ/k), k = 1, 2, … */
    private boolean bernoulliExpAtMostOne(long n, long d) {
        long k = 1;
        while (bernoulli(n, d * k)) {
            k++;
        }
        return k % 2 == 1;
    }

    /** Bernoulli(n/d), exactly: a uniform integer below d compared with n. */
    private boolean bernoulli(long n, long d) {
        return random.nextLong(d) < n;
    }
}
