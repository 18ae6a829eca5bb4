package vn.dancu.registry;

import java.time.LocalDate;

/** A person as the policies see them, built for a test: a living, single man born in 1990 unless told otherwise. */
final class APerson {

    private long id = 1;
    private String personalId = "001090000001";
    private Gender gender = Gender.MALE;
    private LocalDate born = LocalDate.of(1990, 1, 1);
    private MaritalStatus maritalStatus = MaritalStatus.SINGLE;
    private Long fatherId;
    private Long motherId;
    private PersonStatus status = PersonStatus.ALIVE;
    private LocalDate died;
    private Long householdId;
    private Relationship relationship;

    static APerson man() {
        return new APerson();
    }

    static APerson woman() {
        APerson person = new APerson();
        person.gender = Gender.FEMALE;
        person.personalId = "001190000002";
        person.id = 2;
        return person;
    }

    APerson id(long id, String personalId) {
        this.id = id;
        this.personalId = personalId;
        return this;
    }

    APerson born(String date) {
        this.born = LocalDate.parse(date);
        return this;
    }

    APerson married() {
        this.maritalStatus = MaritalStatus.MARRIED;
        return this;
    }

    APerson diedOn(String date) {
        this.status = PersonStatus.DECEASED;
        this.died = LocalDate.parse(date);
        return this;
    }

    APerson missing() {
        this.status = PersonStatus.MISSING;
        return this;
    }

    APerson childOf(Long fatherId, Long motherId) {
        this.fatherId = fatherId;
        this.motherId = motherId;
        return this;
    }

    APerson inHousehold(long householdId, Relationship relationship) {
        this.householdId = householdId;
        this.relationship = relationship;
        return this;
    }

    Person build() {
        return new Person(id, personalId, "Nguyễn Văn A", null, gender, born, "Hà Nội", 1, null, "Kinh", null, "VN", null,
                maritalStatus, fatherId, motherId, null, status, died, null, null, null, null, householdId, relationship, 0);
    }
}
