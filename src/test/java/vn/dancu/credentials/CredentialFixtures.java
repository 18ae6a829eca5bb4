package vn.dancu.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import vn.dancu.Api;

/** Persons of the credential tests: born for the test in Hà Nội with an ID card, so no demo citizen's card is replaced. */
final class CredentialFixtures {

    static final String TOTP_KEY = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private CredentialFixtures() {
    }

    static String personWithCard(Api police, String name, String dateOfBirth) {
        String personalId = police.post("/api/v1/registry/births", Api.map("fullName", name, "gender", "FEMALE",
                "dateOfBirth", dateOfBirth, "placeOfBirth", "Hà Nội", "birthRegistrationUnit", "00070", "nationality", "VN",
                "ethnicity", "Kinh")).text("personalId");
        Api.Response card = police.post("/api/v1/registry/persons/" + personalId + "/cards",
                Api.map("issueDate", "2025-03-01", "issuingAuthority", "Cục Cảnh sát QLHC về TTXH"));
        assertThat(card.status()).as(card.body().toString()).isEqualTo(201);
        return personalId;
    }

    /** A new card today: the card in use becomes REPLACED. */
    static void replaceCard(Api police, String personalId) {
        Api.Response card = police.post("/api/v1/registry/persons/" + personalId + "/cards",
                Api.map("issueDate", LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString(), "issuingAuthority",
                        "Cục Cảnh sát QLHC về TTXH", "reason", "Đổi thẻ"));
        assertThat(card.status()).as(card.body().toString()).isEqualTo(201);
    }

    static String phone() {
        return String.format("03%08d", 60_000_000 + SEQUENCE.incrementAndGet() * 7_919);
    }
}
