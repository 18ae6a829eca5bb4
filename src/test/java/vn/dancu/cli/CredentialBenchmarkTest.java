package vn.dancu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The credentials' benchmark section measures both rates in one run and writes them as the chip checks' section does. */
class CredentialBenchmarkTest {

    @Test
    void theSectionMeasuresVerificationsAgainstTheBareCryptography() {
        String section = CredentialBenchmark.section(0, 2, 2);
        System.out.println(section);
        assertThat(section).startsWith("## Credential verifications").contains("| verifications:", "| bare cryptography:",
                "| ratio verifications / bare |");
        double ratio = Double.parseDouble(section.replaceAll("(?s).*\\| ratio verifications / bare \\| ([0-9.]+) \\|.*", "$1"));
        assertThat(ratio).as("the verifier does the bare work and more").isBetween(0.05, 1.2);
    }
}
