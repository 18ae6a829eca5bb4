package vn.dancu.exchange;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Digests;
import vn.dancu.platform.FieldErrors;

/**
 * The consent registry: a citizen allows a member (a business, or an agency whose policy asks for
 * consent) to read named products for one purpose and a period. Consent is explicit (the citizen
 * ticks each product), recorded with the exact statement shown and its SHA-256, so it can be
 * reproduced; a revocation counts from the next call, since every call checks the registry.
 */
@Service
public class DataConsents {

    static final int MAX_DAYS = 365;

    public record ConsentView(long id, String memberCode, String memberName, List<String> products, String purposeCode,
                              String purposeName, Instant grantedAt, Instant validUntil, String channel, String statement,
                              String statementSha256, Instant revokedAt) {

        public boolean activeAt(Instant now) {
            return revokedAt == null && validUntil.isAfter(now);
        }
    }

    /** A member a citizen can consent to, with the products and purposes its policy allows. */
    public record Grantee(String code, String name, List<Choice> products, List<Choice> purposes) {
    }

    /** A product or purpose as the citizen's form shows it. */
    public record Choice(String code, String name, List<String> fields) {
    }

    private final JdbcClient jdbc;
    private final Members members;
    private final Products products;
    private final AccessLog accessLog;
    private final Clock clock;
    private final org.springframework.context.MessageSource messages;
    private static final java.util.Locale VIETNAMESE = java.util.Locale.of("vi");

    DataConsents(JdbcClient jdbc, Members members, Products products, AccessLog accessLog, Clock clock,
                 org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.jdbc = jdbc;
        this.members = members;
        this.products = products;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    /** Members whose policy needs consent, for the citizen's form. */
    public List<Grantee> grantees() {
        return members.list().stream().filter(m -> m.policy() != null && m.policy().consentRequired()
                        && "ACTIVE".equals(m.member().state()))
                .map(m -> new Grantee(m.member().code(), m.member().name(),
                        m.policy().products().stream().filter(p -> !Products.AGGREGATE.contains(p)).map(p -> products.on(p, today()))
                                .map(p -> new Choice(p.code(), p.nameVi(), p.fields())).toList(),
                        m.policy().purposes().stream().map(p -> new Choice(p, purposeName(p), List.of())).toList()))
                .filter(g -> !g.products().isEmpty())
                .toList();
    }

    public String purposeName(String code) {
        var purpose = accessLog.purposeCodes().get(code);
        return purpose == null ? code : purpose.nameVi();
    }

    @Transactional
    public ConsentView grant(String personalId, String memberCode, List<String> productCodes, String purposeCode, Integer days,
                             String channel) {
        Members.MemberView member = members.get(memberCode);
        FieldErrors errors = new FieldErrors();
        Members.Policy policy = member.policy();
        if (policy == null || !policy.consentRequired() || !"ACTIVE".equals(member.member().state())) {
            throw ApiProblem.invalidField("member", "NOT_A_GRANTEE", "This member does not take consents");
        }
        Set<String> chosen = new LinkedHashSet<>(productCodes == null ? List.of() : productCodes);
        if (chosen.isEmpty()) {
            errors.add("products", "REQUIRED", "Tick at least one group of information");
        }
        chosen.stream().filter(p -> !policy.products().contains(p) || Products.AGGREGATE.contains(p)).forEach(p ->
                errors.add("products", "PRODUCT_NOT_IN_POLICY", p + " is not among what this member may read"));
        if (purposeCode == null || !policy.purposes().contains(purposeCode)) {
            errors.add("purpose", "PURPOSE_NOT_ALLOWED", "Choose one of the member's purposes " + policy.purposes());
        }
        if (days == null || days < 1 || days > MAX_DAYS) {
            errors.add("days", "OUT_OF_RANGE", "A consent lasts 1 to " + MAX_DAYS + " days");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        Instant until = now.plus(Duration.ofDays(days));
        String statement = statement(personalId, member.member().name(), List.copyOf(chosen), purposeCode, now, until);
        long id = jdbc.sql("""
                        insert into exchange.consent (personal_id, member_id, products, purpose_code, granted_at, valid_until, channel,
                            statement, statement_sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(personalId, member.member().id(), chosen.toArray(String[]::new), purposeCode, Timestamp.from(now),
                        Timestamp.from(until), channel, statement, Digests.sha256(statement))
                .query(Long.class).single();
        return find(personalId, id);
    }

    @Transactional
    public void revoke(String personalId, long consentId) {
        ConsentView consent = find(personalId, consentId);
        if (consent.revokedAt() != null) {
            throw ApiProblem.conflict("ALREADY_REVOKED", "This consent was withdrawn already");
        }
        jdbc.sql("update exchange.consent set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), consentId).update();
    }

    public List<ConsentView> of(String personalId) {
        return jdbc.sql(SELECT + " where c.personal_id = ? order by c.revoked_at is not null, c.granted_at desc")
                .param(personalId).query(this::view).list();
    }

    ConsentView find(String personalId, long id) {
        return jdbc.sql(SELECT + " where c.personal_id = ? and c.id = ?").params(personalId, id).query(this::view).optional()
                .orElseThrow(() -> ApiProblem.notFound("CONSENT_NOT_FOUND", "You have no consent with this id"));
    }

    /** The products of {@code wanted} that no consent in force covers for this member and purpose. */
    List<String> missing(String personalId, long memberId, List<String> wanted, String purposeCode) {
        Set<String> covered = new LinkedHashSet<>();
        jdbc.sql("""
                        select products from exchange.consent where personal_id = ? and member_id = ? and purpose_code = ?
                            and revoked_at is null and granted_at <= ? and valid_until > ?""")
                .params(personalId, memberId, purposeCode, Timestamp.from(clock.instant()), Timestamp.from(clock.instant()))
                .query((rs, n) -> covered.addAll(List.of((String[]) rs.getArray(1).getArray()))).list();
        return wanted.stream().filter(p -> !covered.contains(p)).toList();
    }

    /** Refuses the call unless the person consented to every product for this purpose. */
    void require(Members.Caller caller, String personalId, List<String> wanted, String purposeCode) {
        if (!caller.policy().consentRequired()) {
            return;
        }
        List<String> missing = missing(personalId, caller.member().id(), wanted, purposeCode);
        if (!missing.isEmpty()) {
            throw ApiProblem.forbidden("CONSENT_REQUIRED", "The person has not consented (or has withdrawn consent) to "
                    + missing + " for " + purposeCode);
        }
    }

    private String statement(String personalId, String memberName, List<String> chosen, String purposeCode, Instant from,
                             Instant until) {
        DateTimeFormatter day = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(Metering.VIETNAM);
        StringBuilder text = new StringBuilder("Tôi, người có số định danh cá nhân ").append(personalId)
                .append(", đồng ý cho ").append(memberName).append(" sử dụng các thông tin sau của tôi trong Cơ sở dữ liệu quốc gia về dân cư:\n");
        for (String code : chosen) {
            Products.Version p = products.on(code, today());
            text.append("- ").append(p.nameVi()).append(" (").append(String.join(", ", p.fields().stream()
                    .map(f -> messages.getMessage("eid.field." + f, null, f, VIETNAMESE)).toList())).append(")\n");
        }
        text.append("Mục đích: ").append(purposeName(purposeCode)).append(" (").append(purposeCode).append(").\n")
                .append("Thời hạn: từ ").append(day.format(from)).append(" đến ").append(day.format(until)).append(".\n")
                .append("Tôi có thể rút lại sự đồng ý này bất cứ lúc nào; việc rút lại có hiệu lực ngay từ lần truy cập tiếp theo.");
        return text.toString();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Metering.VIETNAM));
    }


    private static final String SELECT = """
            select c.id, m.code, m.name, c.products, c.purpose_code, c.granted_at, c.valid_until, c.channel, c.statement,
                c.statement_sha256, c.revoked_at from exchange.consent c join exchange.member m on m.id = c.member_id""";

    private ConsentView view(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp revoked = rs.getTimestamp(11);
        return new ConsentView(rs.getLong(1), rs.getString(2), rs.getString(3), List.of((String[]) rs.getArray(4).getArray()),
                rs.getString(5), purposeName(rs.getString(5)), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(),
                rs.getString(8), rs.getString(9), HexFormat.of().formatHex(rs.getBytes(10)),
                revoked == null ? null : revoked.toInstant());
    }
}
