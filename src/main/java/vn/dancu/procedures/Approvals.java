package vn.dancu.procedures;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;
import vn.dancu.procedures.ApplicationRepository.Application;
import vn.dancu.procedures.ApplicationRepository.Leg;
import vn.dancu.procedures.results.ResultDocument;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.Registry;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * Carries out the approval of a leg: its procedure's {@link Procedure#approve} with the form read back
 * as stored, and the document the leg issues, in the name of its unit's agency and the approving officer.
 */
@Component
class Approvals {

    /** What an approval produced: the document to sign, and the person it made (a newborn's number). */
    record Issued(ResultDocument document, String newPersonalId) {
    }

    private final Procedures procedures;
    private final Registry registry;
    private final PersonFinder finder;
    private final Units units;
    private final ProcedureCatalog catalog;
    private final ApplicationPayments payments;

    Approvals(Procedures procedures, Registry registry, PersonFinder finder, Units units, ProcedureCatalog catalog,
              ApplicationPayments payments) {
        this.payments = payments;
        this.procedures = procedures;
        this.registry = registry;
        this.finder = finder;
        this.units = units;
        this.catalog = catalog;
    }

    Issued approve(Application app, Leg leg, Decisions.Actor officer, Instant now) {
        Approval approval = new Approval(app, leg, officer, now, units.today(), reason(app), registry, finder, units);
        Approval.Outcome outcome = approve(procedures.require(app.appendixNo()), new FormValues(app.form()), approval);
        return new Issued(document(app, leg, officer, now, outcome), outcome.newPersonalId());
    }

    private static <F> Approval.Outcome approve(Procedure<F> procedure, FormValues values, Approval approval) {
        return procedure.approve(procedure.read(values), approval);
    }

    /** The application's field a field of the registry's command comes from ({@link Procedure#formField}). */
    String formField(int appendixNo, String registryField) {
        return procedures.require(appendixNo).formField(registryField);
    }

    private ResultDocument document(Application app, Leg leg, Decisions.Actor officer, Instant now, Approval.Outcome outcome) {
        AdministrativeUnit unit = units.byId(leg.unitId()).orElseThrow();
        String issuer = (leg.agency() == Agency.SOCIAL_INSURANCE ? "Bảo hiểm xã hội " + units.byId(leg.provinceId()).orElseThrow().name()
                : unit.name() + " – " + leg.agency().nameVi) + " – " + officer.staff().displayName();
        return new ResultDocument(UUID.randomUUID(), leg.kind(), procedures.resultTitleVi(leg.kind()),
                procedures.resultTitle(leg.kind(), Locale.ENGLISH), leg.agency().name(), issuer, outcome.personalId(), now, app.code(),
                payments.withReceipt(app, outcome.fields()));
    }

    /** The reason the registry's history shows: the procedure and the application. */
    private String reason(Application app) {
        return "Thủ tục " + app.appendixNo() + " – " + catalog.byAppendixNo(app.appendixNo()).orElseThrow().nameVi()
                + ", hồ sơ " + app.code();
    }
}
