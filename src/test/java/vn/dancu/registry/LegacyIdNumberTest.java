package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyIdNumberTest {

    @Test
    void anOldNumberHasNineDigitsAndIsReadWithoutSurroundingBlanks() {
        assertThat(LegacyIdNumber.parse(" 012345678 ")).contains(new LegacyIdNumber("012345678"));
        assertThat(LegacyIdNumber.isWellFormed("012345678")).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "01234567", "0123456789", "01234567a", "０12345678", "001090000001"})
    void anythingElseIsNotOne(String text) {
        assertThat(LegacyIdNumber.parse(text)).isEmpty();
        assertThat(LegacyIdNumber.isWellFormed(text)).isFalse();
    }

    @Test
    void aMalformedNumberCannotBeMade() {
        assertThatThrownBy(() -> new LegacyIdNumber("12345")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(LegacyIdNumber.MALFORMED);
    }
}
