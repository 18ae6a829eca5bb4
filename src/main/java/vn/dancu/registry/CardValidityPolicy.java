package vn.dancu.registry;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Until when an identity card is valid (Law on Identification 2023, Art. 21): cards are renewed
 * when the holder turns 14, 25, 40 and 60. A card issued within the two years before one of those
 * birthdays stays valid until the next one; a card issued from age 58 on is valid for life.
 */
public final class CardValidityPolicy {

    static final int[] RENEWAL_AGES = {14, 25, 40, 60};
    private static final int GRACE_YEARS = 2;

    private CardValidityPolicy() {
    }

    /** The expiry date printed on the card (the renewal birthday), or empty for a card valid for life. */
    public static Optional<LocalDate> expiry(LocalDate dateOfBirth, LocalDate issueDate) {
        for (int age : RENEWAL_AGES) {
            LocalDate birthday = dateOfBirth.plusYears(age);
            if (issueDate.isBefore(birthday.minusYears(GRACE_YEARS))) {
                return Optional.of(birthday);
            }
        }
        return Optional.empty();
    }
}
