package vn.dancu.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.FieldErrors;

/**
 * Recording (or updating, for the same kind and number) a sector document pushed by the agency
 * that owns it (Quyết định 06/QĐ-TTg, II.10). The caller has checked that the agency owns documents
 * of this kind; the registry checks the document itself and keeps its history.
 */
@Component
class RecordingDocument {

    private final RegistryWrite write;
    private final PersonRepository persons;

    RecordingDocument(RegistryWrite write, PersonRepository persons) {
        this.write = write;
        this.persons = persons;
    }

    @Transactional
    public Document record(String personalId, DocumentRecord command, String source) {
        FieldErrors errors = new FieldErrors();
        Person person = write.person(errors, "personalId", personalId, true);
        DocumentKind kind = errors.oneOf("kind", command.kind(), DocumentKind.class);
        String number = errors.text("number", command.number(), 60);
        LocalDate from = errors.optionalDate("validFrom", command.validFrom());
        LocalDate to = errors.optionalDate("validTo", command.validTo());
        DocumentPolicy.validity(from, to).ifPresent(r -> r.addTo(errors));
        Map<String, String> details = command.details() == null ? Map.of() : command.details();
        DocumentPolicy.details(details).ifPresent(r -> r.addTo(errors));
        errors.throwIfAny();
        Optional<Document> before = persons.document(person.id(), kind, number);
        Document document = persons.saveDocument(person.id(), kind, number, source, from, to, details);
        persons.touch(person);
        write.finish(person.id(), source, before.isPresent() ? "DOCUMENT_UPDATED" : "DOCUMENT_RECORDED", LegalBasis.DOCUMENT,
                List.of(new Change("document." + kind, before.map(RecordingDocument::summary).orElse(null), summary(document))),
                new RegistryEvent.DocumentRecorded(person.personalId()));
        return document;
    }

    private static String summary(Document document) {
        return document.number() + " " + document.validFrom() + "/" + document.validTo();
    }
}
