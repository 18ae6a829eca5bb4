package vn.dancu.registry;

import java.util.Optional;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;

/**
 * Why a rule of the registry refuses a change, as a value: a policy returns it, and the use case
 * decides whether it joins the request's other field errors or ends the request at once.
 *
 * @param field the request field it is about, null for a conflict with the record as it stands
 */
record Refusal(Kind kind, String field, String code, String message) {

    /** A wrong field answers 400 with the field named; a conflict with the record answers 409. */
    enum Kind { INVALID_FIELD, CONFLICT }

    static Refusal invalid(String field, String code, String message) {
        return new Refusal(Kind.INVALID_FIELD, field, code, message);
    }

    static Refusal conflict(String code, String message) {
        return new Refusal(Kind.CONFLICT, null, code, message);
    }

    ApiProblem problem() {
        return kind == Kind.CONFLICT ? ApiProblem.conflict(code, message) : ApiProblem.invalidField(field, code, message);
    }

    /** Records a field's refusal among the request's other field errors. */
    void addTo(FieldErrors errors) {
        errors.add(field, code, message);
    }

    /** Ends the request with the refusal, if there is one. */
    static void refuse(Optional<Refusal> refusal) {
        if (refusal.isPresent()) {
            throw refusal.get().problem();
        }
    }
}
