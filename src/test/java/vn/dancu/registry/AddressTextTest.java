package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressTextTest {

    @Test
    void theLineThenTheCommuneThenTheProvince() {
        assertThat(AddressText.of("Số 12 phố Phan Đình Phùng", "Phường Ba Đình", "Thành phố Hà Nội"))
                .isEqualTo("Số 12 phố Phan Đình Phùng, Phường Ba Đình, Thành phố Hà Nội");
    }

    @Test
    void aUnitTheLineNamesAlreadyIsNotWrittenTwice() {
        assertThat(AddressText.of("Số 12 phố Phan Đình Phùng, Phường Ba Đình", "Phường Ba Đình", "Thành phố Hà Nội"))
                .isEqualTo("Số 12 phố Phan Đình Phùng, Phường Ba Đình, Thành phố Hà Nội");
        assertThat(AddressText.of("Số 12 phố Phan Đình Phùng, phường ba đình ", "Phường Ba Đình"))
                .isEqualTo("Số 12 phố Phan Đình Phùng, phường ba đình");
    }

    @Test
    void aNameThatOnlyContainsTheUnitNameIsNotTakenForIt() {
        assertThat(AddressText.of("Số 3 phố Ba Đình", "Phường Ba Đình")).isEqualTo("Số 3 phố Ba Đình, Phường Ba Đình");
    }

    @Test
    void missingPartsLeaveNoEmptyCommas() {
        assertThat(AddressText.of(null, "Phường Ba Đình", null)).isEqualTo("Phường Ba Đình");
        assertThat(AddressText.of("Thôn Đồng Cam", " ", "Thành phố Hà Nội")).isEqualTo("Thôn Đồng Cam, Thành phố Hà Nội");
    }
}
