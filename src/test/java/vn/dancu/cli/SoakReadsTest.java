package vn.dancu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The soak counts the access-log rows each answer stands for by the platform's rule for its path. */
class SoakReadsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void aCheckIsOneReadWhenThePersonIsFoundAndNoneOtherwise() {
        assertThat(SoakReads.verify(json("{\"found\":true,\"alive\":true,\"matches\":{\"fullName\":false}}"))).isEqualTo(1);
        assertThat(SoakReads.verify(json("{\"found\":false,\"alive\":null,\"matches\":{}}"))).isZero();
        assertThat(SoakReads.verify(json("{}"))).as("no answer of found is no read").isZero();
    }

    @Test
    void aLookupReadsTheSubjectAndEveryRelativeItNamesOnce() {
        JsonNode an = json("""
                {"personalId":"001075503799","father":{"personalId":"001045000001","fullName":"Nguyễn Văn Ba"},
                 "mother":{"personalId":"001150000002","fullName":"Trần Thị Mẹ"},"spouse":{"personalId":"001180000003","fullName":"Lê Thị Vợ"},
                 "household":{"id":7,"members":[{"personalId":"001075503799","fullName":"Nguyễn Văn An"},
                   {"personalId":"001180000003","fullName":"Lê Thị Vợ"},{"personalId":"001210000004","fullName":"Nguyễn Văn Con"}]}}""");
        // An himself, his father, mother, wife (named twice) and child
        assertThat(SoakReads.lookup(an)).isEqualTo(5);
    }

    @Test
    void aLookupOfSomeoneAloneIsOneRead() {
        assertThat(SoakReads.lookup(json("{\"personalId\":\"001195000001\",\"father\":null,\"mother\":null,\"spouse\":null,"
                + "\"household\":{\"id\":1,\"members\":[{\"personalId\":\"001195000001\"}]}}"))).isEqualTo(1);
        assertThat(SoakReads.lookup(json("{\"personalId\":\"001195000001\",\"household\":null}"))).isEqualTo(1);
    }

    @Test
    void anAnswerWithoutItsSubjectIsRefusedRatherThanCounted() {
        assertThatThrownBy(() -> SoakReads.lookup(json("{\"type\":\"about:blank\",\"status\":404}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void userInfoIsOneReadWhenARegistryClaimIsReleased() {
        assertThat(SoakReads.userInfo(json("{\"sub\":\"abc\",\"name\":\"Trần Văn Bình\",\"birthdate\":\"1978-01-01\"}"))).isEqualTo(1);
        assertThat(SoakReads.userInfo(json("{\"sub\":\"abc\"}"))).as("the subject alone reads nothing from the registry").isZero();
    }

    @Test
    void userInfoWithAHouseholdOrWithoutSubjectCannotBeCounted() {
        assertThatThrownBy(() -> SoakReads.userInfo(json("{\"sub\":\"abc\",\"household\":{\"members\":[{\"name\":\"X\"}]}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SoakReads.userInfo(json("{\"error\":\"invalid_token\"}"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLinkedBirthReadsTheApplicantAtEachStepAndTheChildOnceRegistered() {
        JsonNode lodged = json("{\"code\":\"HS1\",\"applicantPersonalId\":\"001195000001\",\"subjectPersonalId\":null}");
        JsonNode born = json("{\"code\":\"HS1\",\"applicantPersonalId\":\"001195000001\",\"subjectPersonalId\":\"001326000009\"}");
        assertThat(SoakReads.lodge(0, 0)).isEqualTo(1);
        assertThat(SoakReads.lodge(2, 1)).as("relatives in the applicant's view, and a same-name child").isEqualTo(4);
        assertThat(SoakReads.decision(lodged, 1, 0)).as("the birth leg: no subject yet").isEqualTo(1);
        assertThat(SoakReads.decision(born, 2, 0)).as("applicant, child, and the applicant's household read").isEqualTo(3);
        assertThat(SoakReads.decision(born, 2, 2)).isEqualTo(5);
        assertThat(SoakReads.decision(born, 3, 0)).isEqualTo(2);
        JsonNode own = json("{\"applicantPersonalId\":\"001195000001\",\"subjectPersonalId\":\"001195000001\"}");
        assertThat(SoakReads.decision(own, 3, 0)).as("the applicant who is the subject is read once").isEqualTo(1);
        assertThatThrownBy(() -> SoakReads.decision(json("{\"code\":\"HS1\"}"), 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
