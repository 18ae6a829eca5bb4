package vn.dancu.cli;

import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * How many access-log rows each answer of {@code bench soak} stands for: every person an answer
 * names is a read, counted by the platform's own rule for that path (read from its code, cited on
 * each method). The soak adds these up per actor and compares them with the rows the platform wrote.
 */
final class SoakReads {

    /** The leg of the linked birth (procedure 15) that reads the applicant's household: CHILD_RESIDENCE. */
    static final int HOUSEHOLD_LEG = 2;

    private SoakReads() {
    }

    /** {@code POST /api/v1/exchange/verify}: one row for a person found ({@code PersonFinder.facts}), none for a number nobody has. */
    static int verify(JsonNode answer) {
        return answer.path("found").asBoolean(false) ? 1 : 0;
    }

    /**
     * {@code GET /api/v1/registry/persons/{id}} ({@code PersonFinder.get}): the subject, and each person the view
     * names ({@code PersonFinder.related}: father, mother, spouse, household members), once, the subject not again.
     */
    static int lookup(JsonNode person) {
        String subject = text(person.path("personalId"));
        if (subject.isEmpty()) {
            throw new IllegalArgumentException("a person's view without a personal ID number");
        }
        Set<String> named = new LinkedHashSet<>();
        for (String relative : new String[] {"father", "mother", "spouse"}) {
            String id = text(person.path(relative).path("personalId"));
            if (!id.isEmpty()) {
                named.add(id);
            }
        }
        for (JsonNode member : person.path("household").path("members")) {
            named.add(text(member.path("personalId")));
        }
        named.remove("");
        named.remove(subject);
        return 1 + named.size();
    }

    /**
     * UserInfo ({@code CitizenClaims.release}): one row, by the relying party, when any registry claim is released
     * besides {@code sub}; none for {@code sub} alone. A household claim also reads the members, whom the answer
     * names without their numbers: the soak's relying party asks for no such claim, and such an answer is refused here.
     */
    static int userInfo(JsonNode claims) {
        if (claims.has("household")) {
            throw new IllegalArgumentException("a household claim names its members without numbers: its reads cannot be counted");
        }
        if (!claims.path("sub").isString()) {
            throw new IllegalArgumentException("UserInfo without sub");
        }
        return claims.size() > 1 ? 1 : 0;
    }

    /**
     * Lodging the linked birth at the counter ({@code Prefill.applicant} through {@code PersonFinder.get}): the applicant
     * and the persons their view names ({@code applicantRelatives}, known to the soak: it registered the applicants),
     * plus each child of theirs already registered under the new child's name and day ({@code Births.sameNameSibling}).
     */
    static int lodge(int applicantRelatives, int sameNameChildren) {
        return 1 + applicantRelatives + sameNameChildren;
    }

    /**
     * A leg's decision ({@code Decisions.decide}): the application read, for the applicant and for its subject when it
     * has one by then and it is someone else ({@code Decisions.logRead}; {@code before} is the application as the
     * previous answer showed it); the leg that registers the child's residence also reads the applicant's household
     * ({@code LinkedBirth.residence}: {@code readFor} with "household", the applicant and their relatives, before the
     * child joins).
     */
    static int decision(JsonNode before, int legNo, int applicantRelatives) {
        String applicant = text(before.path("applicantPersonalId"));
        String subject = text(before.path("subjectPersonalId"));
        if (applicant.isEmpty()) {
            throw new IllegalArgumentException("an application without its applicant");
        }
        int rows = 1 + (!subject.isEmpty() && !subject.equals(applicant) ? 1 : 0);
        return legNo == HOUSEHOLD_LEG ? rows + 1 + applicantRelatives : rows;
    }

    /** A string field's value; empty when it is absent, null or not a string. */
    private static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : "";
    }
}
