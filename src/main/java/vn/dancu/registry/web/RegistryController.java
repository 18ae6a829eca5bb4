package vn.dancu.registry.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.HeaderText;
import vn.dancu.registry.BirthRegistration;
import vn.dancu.registry.Card;
import vn.dancu.registry.CardIssue;
import vn.dancu.registry.DeathRecord;
import vn.dancu.registry.HistoryEntry;
import vn.dancu.registry.HouseholdCreation;
import vn.dancu.registry.HouseholdMembership;
import vn.dancu.registry.MissingRecord;
import vn.dancu.registry.NameChange;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.PersonalIdDecoder;
import vn.dancu.registry.Registry;
import vn.dancu.registry.ResidenceRegistration;

@RestController
@RequestMapping("/api/v1/registry")
@Tag(name = "Population registry", description = "The golden record: births, residences, deaths, households, cards, old numbers")
class RegistryController {

    static final String PURPOSE = "X-Purpose";

    private final Registry registry;
    private final PersonFinder finder;
    private final PersonalIdDecoder decoder;

    RegistryController(Registry registry, PersonFinder finder, PersonalIdDecoder decoder) {
        this.registry = registry;
        this.finder = finder;
        this.decoder = decoder;
    }

    record Created(String personalId) {
    }

    @PostMapping("/births")
    @Operation(summary = "Register a birth; issues the personal ID number")
    ResponseEntity<Created> registerBirth(@RequestBody BirthRegistration body) {
        String personalId = registry.registerBirth(body);
        return ResponseEntity.created(URI.create("/api/v1/registry/persons/" + personalId)).body(new Created(personalId));
    }

    @GetMapping("/persons/{personalId}")
    @Operation(summary = "One person with current residence, household and cards (access-logged)")
    PersonFinder.PersonView person(@PathVariable String personalId, @Parameter(description = "Why you read this person")
    @RequestHeader(name = PURPOSE, required = false) String purpose) {
        return finder.get(personalId, HeaderText.decode(purpose), AccessLog.Channel.API);
    }

    @GetMapping("/persons")
    @Operation(summary = "Search by name (ignores case and diacritics), date of birth, unit (access-logged)")
    PersonFinder.SearchPage search(@RequestParam(required = false) String name,
                                   @RequestParam(required = false) String dateOfBirth,
                                   @RequestParam(required = false) String unit,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "20") int size,
                                   @RequestHeader(name = PURPOSE, required = false) String purpose) {
        return finder.search(name, dateOfBirth, unit, page, size, HeaderText.decode(purpose), AccessLog.Channel.API);
    }

    @GetMapping("/persons/{personalId}/history")
    @Operation(summary = "The versioned changes of a person, newest first (access-logged)")
    List<HistoryEntry> history(@PathVariable String personalId,
                                        @RequestHeader(name = PURPOSE, required = false) String purpose) {
        return finder.history(personalId, HeaderText.decode(purpose), AccessLog.Channel.API);
    }

    @PostMapping("/persons/{personalId}/residences")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Register a residence; a new permanent residence closes the previous one")
    void residence(@PathVariable String personalId, @RequestBody ResidenceRegistration body) {
        registry.registerResidence(personalId, body);
    }

    @PostMapping("/persons/{personalId}/death")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Record a death")
    void death(@PathVariable String personalId, @RequestBody DeathRecord body) {
        registry.recordDeath(personalId, body);
    }

    @PostMapping("/persons/{personalId}/name")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Record a change of name (decision of the civil-status authority)")
    void name(@PathVariable String personalId, @RequestBody NameChange body) {
        registry.changeName(personalId, body);
    }

    @PostMapping("/persons/{personalId}/missing")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Record that a person has gone missing (court declaration)")
    void missing(@PathVariable String personalId, @RequestBody MissingRecord body) {
        registry.recordMissing(personalId, body);
    }

    record LegacyLink(String number, String reason) {
    }

    @PostMapping("/persons/{personalId}/legacy-ids")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Link an old 9-digit ID card (CMND) number to the person")
    void linkLegacyId(@PathVariable String personalId, @RequestBody LegacyLink body) {
        registry.linkLegacyId(personalId, body.number(), body.reason());
    }

    @PostMapping("/persons/{personalId}/cards")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record the issue of an identity card; expiry follows the renewal ages 14/25/40/60")
    Card card(@PathVariable String personalId, @RequestBody CardIssue body) {
        return registry.issueCard(personalId, body);
    }

    @GetMapping("/legacy-ids/{cmnd}")
    @Operation(summary = "The 12-digit number linked to an old 9-digit number (access-logged)")
    PersonFinder.PersonRef legacy(@PathVariable String cmnd, @RequestHeader(name = PURPOSE, required = false) String purpose) {
        return finder.byLegacyId(cmnd, HeaderText.decode(purpose), AccessLog.Channel.API);
    }

    @GetMapping("/personal-ids/{number}/decode")
    @Operation(summary = "The structure of a personal ID number; reads no person data")
    PersonalIdDecoder.Decoded decode(@PathVariable String number) {
        return decoder.decode(number);
    }

    record HouseholdCreated(long householdId) {
    }

    @PostMapping("/households")
    @Operation(summary = "Create a household with its head")
    ResponseEntity<HouseholdCreated> createHousehold(@RequestBody HouseholdCreation body) {
        long id = registry.createHousehold(body);
        return ResponseEntity.created(URI.create("/api/v1/registry/households/" + id)).body(new HouseholdCreated(id));
    }

    @PostMapping("/households/{householdId}/members")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Add a member to a household with their relationship to the head")
    void addMember(@PathVariable long householdId, @RequestBody HouseholdMembership body) {
        registry.addHouseholdMember(householdId, body);
    }

    @GetMapping("/households/{householdId}")
    @Operation(summary = "A household and its members (access-logged)")
    PersonFinder.HouseholdView household(@PathVariable long householdId,
                                         @RequestHeader(name = PURPOSE, required = false) String purpose) {
        return finder.household(householdId, HeaderText.decode(purpose), AccessLog.Channel.API);
    }

}
