package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EthnicitiesTest {

    @Test
    void vietnamHas54EthnicGroups() {
        assertThat(Ethnicities.NAMES).hasSize(55).doesNotHaveDuplicates().endsWith("Người nước ngoài");
    }

    @Test
    void namesMatchWhateverTheSpelling() {
        assertThat(Ethnicities.canonical("kinh")).contains("Kinh");
        assertThat(Ethnicities.canonical("H'Mông")).contains("HMông");
        assertThat(Ethnicities.canonical("ede")).contains("Ê-đê");
        assertThat(Ethnicities.canonical("Khơ Me")).contains("Khơ-me");
        assertThat(Ethnicities.canonical("Viking")).isEmpty();
    }
}
