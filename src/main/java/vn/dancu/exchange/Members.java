package vn.dancu.exchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.dancu.audit.AccessLog;
import vn.dancu.eid.ClientSuspended;
import vn.dancu.eid.RelyingParties;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.CacheBus;
import vn.dancu.platform.FieldErrors;
import vn.dancu.registry.DocumentKind;

/**
 * The members of the data exchange (agencies and businesses), their API clients at the identity
 * provider and their policies. ADMIN changes them; every call of a member is checked against a
 * snapshot held in memory, reloaded after each change here and every half minute (for changes
 * made on another node).
 */
@Service
public class Members {

    public static final Set<String> KINDS = Set.of("AGENCY", "BUSINESS");
    public static final Set<String> SECTORS = Set.of("MINISTRY", "PROVINCE", "SOCIAL_INSURANCE", "TAX", "COURT", "HEALTH",
            "TRANSPORT", "BANK", "TELECOM", "UTILITY", "OTHER");
    public static final Set<String> NAME_MATCHING = Set.of("EXACT", "CASE_AND_SPACING", "DIACRITICS");
    static final String CLIENT_SCOPE = "exchange";
    static final int MAX_QUOTA = 100_000_000;

    public record Member(long id, String code, String name, String kind, String sector, String state,
                        List<String> documentKinds, Instant createdAt, int version) {

        boolean business() {
            return "BUSINESS".equals(kind);
        }
    }

    public record Policy(long memberId, int version, List<String> products, List<String> purposes, String legalBasis,
                        boolean consentRequired, int dailyQuota, String nameMatching, String createdBy, Instant validFrom,
                        Instant validTo) {
    }

    /** What ADMIN sends to create or change a member. */
    public record MemberForm(String code, String name, String kind, String sector, String state, List<String> documentKinds) {
    }

    public record PolicyForm(List<String> products, List<String> purposes, String legalBasis, Boolean consentRequired,
                             Integer dailyQuota, String nameMatching) {
    }

    public record ClientForm(String clientId, List<String> authMethods, String jwksUri) {
    }

    /** A member as ADMIN sees it: its clients and policy in force. */
    public record MemberView(Member member, List<String> clients, Policy policy) {
    }

    /** Who calls: resolved from a client id at every call. */
    record Caller(Member member, Policy policy, String clientId) {

        /** Active, with a policy in force: it may be served. */
        boolean usable() {
            return "ACTIVE".equals(member.state()) && policy != null;
        }
    }

    private final JdbcClient jdbc;
    private final RelyingParties relyingParties;
    private final Products products;
    private final AccessLog accessLog;
    private final CallerTokens tokens;
    private volatile Map<String, Caller> byClient = Map.of();
    private volatile Map<Long, Caller> byMember = Map.of();

    static final String CACHE = "exchange.members";
    private final CacheBus bus;

    Members(JdbcClient jdbc, RelyingParties relyingParties, Products products, AccessLog accessLog, CallerTokens tokens,
            CacheBus bus) {
        this.jdbc = jdbc;
        this.relyingParties = relyingParties;
        this.products = products;
        this.accessLog = accessLog;
        this.tokens = tokens;
        this.bus = bus;
        bus.register(CACHE, detail -> reload());
        reload();
    }

    Optional<Caller> caller(String clientId) {
        return Optional.ofNullable(byClient.get(clientId));
    }

    @Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
    void reload() {
        Map<Long, Member> members = new HashMap<>();
        jdbc.sql(MEMBER_SELECT).query(Members::member).list().forEach(m -> members.put(m.id(), m));
        Map<Long, Policy> policies = new HashMap<>();
        jdbc.sql(POLICY_SELECT + " where valid_to is null").query(Members::policy).list().forEach(p -> policies.put(p.memberId(), p));
        Map<String, Caller> callers = new HashMap<>();
        jdbc.sql("select client_id, member_id from exchange.member_client").query((rs, n) -> {
            Member m = members.get(rs.getLong(2));
            callers.put(rs.getString(1), new Caller(m, policies.get(m.id()), rs.getString(1)));
            return null;
        }).list();
        byClient = Map.copyOf(callers);
        Map<Long, Caller> perMember = new HashMap<>();
        members.values().forEach(m -> perMember.put(m.id(), new Caller(m, policies.get(m.id()), null)));
        byMember = Map.copyOf(perMember);
    }

    /** The member and its policy in force, for work done on its behalf without a call (webhook deliveries). */
    Optional<Caller> ofMember(long memberId) {
        return Optional.ofNullable(byMember.get(memberId));
    }

    /** A client suspended at the provider stops at once on this node, and on the others when the notice reaches them. */
    @EventListener
    void on(ClientSuspended suspended) {
        tokens.forget(suspended.clientId());
        bus.changed(CallerTokens.CACHE, suspended.clientId());
    }

    // --- ADMIN

    public List<MemberView> list() {
        return jdbc.sql(MEMBER_SELECT + " order by kind, name").query(Members::member).list().stream().map(this::view).toList();
    }

    public MemberView get(String code) {
        return view(existing(code));
    }

    public List<Policy> policyHistory(String code) {
        return jdbc.sql(POLICY_SELECT + " where member_id = ? order by version desc").param(existing(code).id())
                .query(Members::policy).list();
    }

    @Transactional
    public MemberView create(MemberForm form) {
        FieldErrors errors = new FieldErrors();
        String code = form.code() == null ? null : form.code().strip();
        if (code == null || !code.matches("[a-z0-9][a-z0-9-]{1,39}")) {
            errors.add("code", "INVALID_FORMAT", "2 to 40 lower-case letters, digits and hyphens");
        }
        Valid v = validate(form, errors);
        errors.throwIfAny();
        Integer inserted = jdbc.sql("""
                        insert into exchange.member (code, name, kind, sector, state, document_kinds) values (?, ?, ?, ?, ?, ?)
                        on conflict (code) do nothing returning 1""")
                .params(code, v.name(), v.kind(), v.sector(), v.state(), v.documentKinds()).query(Integer.class).optional().orElse(null);
        if (inserted == null) {
            throw ApiProblem.conflict("MEMBER_EXISTS", "A member with the code " + code + " exists");
        }
        afterCommitReload();
        return get(code);
    }

    @Transactional
    public MemberView update(String code, MemberForm form, int expectedVersion) {
        Member current = existing(code);
        FieldErrors errors = new FieldErrors();
        Valid v = validate(form, errors);
        errors.throwIfAny();
        if (!current.kind().equals(v.kind())) {
            throw ApiProblem.invalidField("kind", "IMMUTABLE", "A member's kind does not change; register a new member");
        }
        int rows = jdbc.sql("""
                        update exchange.member set name = ?, sector = ?, state = ?, document_kinds = ?, version = version + 1
                        where id = ? and version = ?""")
                .params(v.name(), v.sector(), v.state(), v.documentKinds(), current.id(), expectedVersion).update();
        if (rows == 0) {
            throw ApiProblem.conflict("VERSION_CONFLICT", "The member was changed meanwhile (now version "
                    + current.version() + "); reload it");
        }
        if ("SUSPENDED".equals(v.state())) {
            clients(current.id()).forEach(tokens::forget);
        }
        afterCommitReload();
        return get(code);
    }

    /** A new version of the member's policy; the one in force closes now. */
    @Transactional
    public Policy newPolicy(String code, PolicyForm form) {
        Member member = existing(code);
        FieldErrors errors = new FieldErrors();
        List<String> productCodes = distinct(form.products());
        if (productCodes.isEmpty()) {
            errors.add("products", "REQUIRED", "Name at least one product of " + products.codes());
        }
        productCodes.stream().filter(p -> !products.codes().contains(p))
                .forEach(p -> errors.add("products", "UNKNOWN_PRODUCT", p + " is not one of " + products.codes()));
        List<String> purposes = distinct(form.purposes());
        if (purposes.isEmpty()) {
            errors.add("purposes", "REQUIRED", "Name at least one purpose code");
        }
        purposes.stream().filter(p -> !accessLog.knowsPurposeCode(p) || accessLog.purposeCodes().get(p).lawEnforcement())
                .forEach(p -> errors.add("purposes", "UNKNOWN_PURPOSE", p + " is not a purpose code a member may use"));
        String legalBasis = errors.text("legalBasis", form.legalBasis(), 500);
        boolean consent = form.consentRequired() == null || form.consentRequired();
        if (member.business() && !consent) {
            errors.add("consentRequired", "CONSENT_ALWAYS_REQUIRED", "A business reads a person's data only with the person's consent");
        }
        Integer quota = form.dailyQuota();
        if (quota == null || quota < 1 || quota > MAX_QUOTA) {
            errors.add("dailyQuota", "OUT_OF_RANGE", "1 to " + MAX_QUOTA + " calls a day");
        }
        String matching = form.nameMatching() == null ? "CASE_AND_SPACING" : form.nameMatching();
        if (!NAME_MATCHING.contains(matching)) {
            errors.add("nameMatching", "UNKNOWN_VALUE", "One of " + NAME_MATCHING);
        }
        errors.throwIfAny();
        jdbc.sql("select id from exchange.member where id = ? for update").param(member.id()).query(Long.class).single();
        jdbc.sql("update exchange.policy set valid_to = now() where member_id = ? and valid_to is null").param(member.id()).update();
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from exchange.policy where member_id = ?")
                .param(member.id()).query(Integer.class).single();
        jdbc.sql("""
                        insert into exchange.policy (member_id, version, products, purposes, legal_basis, consent_required, daily_quota,
                            name_matching, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(member.id(), version, productCodes.toArray(String[]::new), purposes.toArray(String[]::new), legalBasis,
                        consent, quota, matching, CurrentStaff.get().map(s -> s.username()).orElse("system"))
                .update();
        afterCommitReload();
        return policyHistory(code).getFirst();
    }

    /** A new API client of the identity provider for the member; the secret is in this answer only. */
    @Transactional
    public RelyingParties.ClientView addClient(String code, ClientForm form) {
        Member member = existing(code);
        String clientId = form.clientId() == null || form.clientId().isBlank() ? code + "-" + (clients(member.id()).size() + 1)
                : form.clientId().strip();
        List<String> methods = form.authMethods() == null || form.authMethods().isEmpty() ? List.of("client_secret_basic") : form.authMethods();
        RelyingParties.ClientView client = relyingParties.register(clientRegistration(member, clientId, methods, form.jwksUri()));
        jdbc.sql("insert into exchange.member_client (client_id, member_id) values (?, ?)").params(clientId, member.id()).update();
        afterCommitReload();
        return client;
    }

    /**
     * Links a client registered at the provider (a business's relying party that asks for
     * {@code share:} scopes at login) to the member: consents given at its logins are the member's.
     */
    @Transactional
    public MemberView linkClient(String code, String clientId) {
        Member member = existing(code);
        RelyingParties.ClientView client = relyingParties.get(clientId);
        Integer inserted = jdbc.sql("insert into exchange.member_client (client_id, member_id) values (?, ?) on conflict do nothing returning 1")
                .params(client.clientId(), member.id()).query(Integer.class).optional().orElse(null);
        if (inserted == null) {
            throw ApiProblem.conflict("CLIENT_ALREADY_LINKED", "The client " + clientId + " belongs to a member already");
        }
        afterCommitReload();
        return get(code);
    }

    /** Demo mode: the member, its policy and a client whose secret is published. */
    @Transactional
    public void ensureDemoMember(MemberForm form, PolicyForm policy, String secret) {
        if (jdbc.sql("select count(*) from exchange.member where code = ?").param(form.code()).query(Integer.class).single() > 0) {
            return;
        }
        create(form);
        newPolicy(form.code(), policy);
        Member member = existing(form.code());
        relyingParties.ensureDemoClient(clientRegistration(member, form.code(), List.of("client_secret_basic"), null), secret);
        jdbc.sql("insert into exchange.member_client (client_id, member_id) values (?, ?)").params(form.code(), member.id()).update();
    }

    private static RelyingParties.Registration clientRegistration(Member member, String clientId, List<String> methods, String jwksUri) {
        return new RelyingParties.Registration(clientId, member.name(), "API_CLIENT", true, methods, jwksUri, List.of(),
                List.of(), List.of(CLIENT_SCOPE), List.of(), List.of(), "Trao đổi dữ liệu dân cư: " + member.name(),
                "exchange:" + member.code(), "ACTIVE");
    }

    private record Valid(String name, String kind, String sector, String state, String[] documentKinds) {
    }

    private static Valid validate(MemberForm form, FieldErrors errors) {
        String name = errors.text("name", form.name(), 200);
        String kind = errors.oneOf("kind", form.kind(), KINDS);
        String sector = errors.oneOf("sector", form.sector(), SECTORS);
        String state = form.state() == null ? "ACTIVE" : errors.oneOf("state", form.state(), Set.of("ACTIVE", "SUSPENDED"));
        List<String> kinds = distinct(form.documentKinds());
        kinds.stream().filter(k -> !DocumentKind.NAMES.contains(k)).forEach(k ->
                errors.add("documentKinds", "UNKNOWN_KIND", k + " is not one of " + DocumentKind.NAMES));
        if (!kinds.isEmpty() && "BUSINESS".equals(kind)) {
            errors.add("documentKinds", "AGENCIES_ONLY", "Only agencies own sector records");
        }
        return new Valid(name, kind, sector, state, kinds.toArray(String[]::new));
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(values.stream()
                .filter(v -> v != null && !v.isBlank()).map(String::strip).toList()));
    }

    private Member existing(String code) {
        return jdbc.sql(MEMBER_SELECT + " where code = ?").param(code).query(Members::member).optional()
                .orElseThrow(() -> ApiProblem.notFound("MEMBER_NOT_FOUND", "No member has the code " + code));
    }

    private List<String> clients(long memberId) {
        return jdbc.sql("select client_id from exchange.member_client where member_id = ? order by created_at")
                .param(memberId).query(String.class).list();
    }

    private MemberView view(Member m) {
        Policy policy = jdbc.sql(POLICY_SELECT + " where member_id = ? and valid_to is null").param(m.id())
                .query(Members::policy).optional().orElse(null);
        return new MemberView(m, clients(m.id()), policy);
    }

    private void afterCommitReload() {
        bus.changed(CACHE); // the other nodes reload when the change commits
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    reload();
                }
            });
        } else {
            reload();
        }
    }

    private static final String MEMBER_SELECT =
            "select id, code, name, kind, sector, state, document_kinds, created_at, version from exchange.member";
    private static final String POLICY_SELECT = """
            select member_id, version, products, purposes, legal_basis, consent_required, daily_quota, name_matching, created_by,
                valid_from, valid_to from exchange.policy""";

    private static Member member(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                List.of((String[]) rs.getArray(7).getArray()), rs.getTimestamp(8).toInstant(), rs.getInt(9));
    }

    private static Policy policy(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        java.sql.Timestamp to = rs.getTimestamp(11);
        return new Policy(rs.getLong(1), rs.getInt(2), List.of((String[]) rs.getArray(3).getArray()),
                List.of((String[]) rs.getArray(4).getArray()), rs.getString(5), rs.getBoolean(6), rs.getInt(7), rs.getString(8),
                rs.getString(9), rs.getTimestamp(10).toInstant(), to == null ? null : to.toInstant());
    }
}
