package vn.dancu.eid;

import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.CacheBus;
import vn.dancu.platform.FieldErrors;

/**
 * The register of relying parties and API clients, administered by ADMIN, and the provider's view
 * of it: a suspended client is unknown to the provider, so its logins and token requests stop at
 * once. Secrets are shown once, when made, and kept only as digests.
 *
 * <p>The provider reads a client at every token request (twice for client_credentials), so each node keeps the
 * clients it has read. Every commit that changes one sends a notice on the cache bus ({@value #CACHE}) and every
 * node drops what it holds: a suspension stops the client's token requests on the other nodes milliseconds after
 * it commits (docs/nodes.md). Administration reads the table itself.
 */
@Service
public class RelyingParties implements RegisteredClientRepository {

    /** What ADMIN sends to register or change a client. */
    public record Registration(String clientId, String name, String kind, Boolean confidential, List<String> authMethods,
                               String jwksUri, List<String> redirectUris, List<String> postLogoutRedirectUris,
                               List<String> scopes, List<String> claims, List<String> acrValues, String purpose,
                               String sector, String status) {
    }

    /** A client as ADMIN sees it; {@code secret} only in the answer that made it. */
    public record ClientView(String clientId, String name, String kind, boolean confidential, List<String> authMethods,
                             String jwksUri, List<String> redirectUris, List<String> postLogoutRedirectUris,
                             List<String> scopes, List<String> claims, List<String> acrValues, String purpose,
                             String sector, String status, int version, String secret) {
    }

    static final Set<String> AUTH_METHODS = Set.of("client_secret_basic", "client_secret_post", "private_key_jwt");
    static final String CACHE = "eid.relying-parties";
    private static final String COLUMNS = """
            id, client_id, name, kind, confidential, auth_methods, secret_hash, jwks_uri, redirect_uris, post_logout_redirect_uris,
            scopes, claims, acr_values, purpose, sector, status, created_at, updated_at, version, tokens_not_before""";

    private final JdbcClient jdbc;
    private final ClientSecrets secrets = new ClientSecrets();

    private final org.springframework.context.ApplicationEventPublisher events;
    private final CacheBus bus;
    /** Clients read by client id and by id; only those that exist (an unknown client id costs a read, not memory). */
    private final Map<String, RelyingParty> byClientId = new ConcurrentHashMap<>();
    private final Map<String, RelyingParty> byId = new ConcurrentHashMap<>();
    /** Counts the drops: a read that began before one does not put what it read. */
    private final AtomicLong generation = new AtomicLong();

    RelyingParties(JdbcClient jdbc, org.springframework.context.ApplicationEventPublisher events, CacheBus bus) {
        this.jdbc = jdbc;
        this.events = events;
        this.bus = bus;
        bus.register(CACHE, detail -> forget());
    }

    // --- the provider's view

    /**
     * A client registered in code (a deployment's start-up, or Spring Authorization Server's own
     * registration endpoint if one enables it): mapped onto a registration and checked by the same
     * rules as ADMIN's. Its scopes bring the claims they carry; its name is its purpose until ADMIN
     * writes one. A secret not already in this register's digest form is the secret itself and is
     * digested. A client that exists is updated, keeping its status, claims, levels and purpose.
     */
    @Override
    @Transactional
    public void save(RegisteredClient client) {
        List<String> methods = client.getClientAuthenticationMethods().stream().map(ClientAuthenticationMethod::getValue)
                .filter(m -> !ClientAuthenticationMethod.NONE.getValue().equals(m)).sorted().toList();
        boolean apiClient = !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE);
        List<String> scopes = List.copyOf(client.getScopes());
        Optional<RelyingParty> current = find("client_id", client.getClientId());
        Registration form = new Registration(client.getClientId(), client.getClientName(),
                apiClient ? "API_CLIENT" : "RELYING_PARTY", !methods.isEmpty(), methods, client.getClientSettings().getJwkSetUrl(),
                List.copyOf(client.getRedirectUris()), List.copyOf(client.getPostLogoutRedirectUris()), scopes,
                current.map(RelyingParty::claims).orElse(apiClient ? List.of() : OidcClaims.released(scopes, OidcClaims.CLAIMS)),
                current.map(RelyingParty::acrValues).orElse(List.of()),
                current.map(RelyingParty::purpose).orElse(client.getClientName()),
                current.map(RelyingParty::sector).orElse(null), current.map(RelyingParty::status).orElse("ACTIVE"));
        String secret = client.getClientSecret();
        String secretHash = secret == null ? null : secret.startsWith(ClientSecrets.PREFIX) ? secret : secrets.encode(secret);
        if (current.isPresent()) {
            if (secretHash != null) {
                jdbc.sql("update eid.relying_party set secret_hash = ? where client_id = ?").params(secretHash, client.getClientId()).update();
                changed();
            }
            update(client.getClientId(), form, current.get().version());
        } else {
            insert(validate(form, null), client.getId(), secretHash);
        }
    }

    /**
     * Whatever the status: the provider reads stored authorizations through this, and a suspended
     * client's have been deleted anyway. Requests made by a client go through {@link #findByClientId}.
     */
    @Override
    public RegisteredClient findById(String id) {
        return byId(id).map(RelyingParties::toRegisteredClient).orElse(null);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return byClientId(clientId).filter(RelyingParty::active).map(RelyingParties::toRegisteredClient).orElse(null);
    }

    Optional<RelyingParty> byClientId(String clientId) {
        return clientId == null ? Optional.empty() : cached(byClientId, "client_id", clientId);
    }

    Optional<RelyingParty> byId(String id) {
        return id == null ? Optional.empty() : cached(byId, "id", id);
    }

    private Optional<RelyingParty> cached(Map<String, RelyingParty> cache, String column, String key) {
        RelyingParty known = cache.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        long before = generation.get();
        Optional<RelyingParty> read = find(column, key);
        // what a writing transaction reads may not commit: only committed rows are kept
        if (read.isPresent() && !writing()) {
            cache.put(key, read.get());
            if (generation.get() != before) {
                cache.remove(key, read.get());
            }
        }
        return read;
    }

    private static boolean writing() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }

    /** Drops every client this node holds. */
    private void forget() {
        generation.incrementAndGet();
        byClientId.clear();
        byId.clear();
    }

    /** The last fallback should a notice be lost while the bus still looks connected. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void expire() {
        forget();
    }

    /**
     * A client changed in this transaction: this node forgets its clients now and again when the transaction ends
     * (a read meanwhile may have kept the old row), the other nodes when the notice arrives, after the commit.
     */
    private void changed() {
        forget();
        bus.changed(CACHE);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget();
                }
            });
        }
    }

    // --- administration

    @Transactional(readOnly = true)
    public List<ClientView> list() {
        return jdbc.sql("select " + COLUMNS + " from eid.relying_party order by kind, name").query(this::map).list()
                .stream().map(rp -> view(rp, null)).toList();
    }

    @Transactional(readOnly = true)
    public ClientView get(String clientId) {
        return view(existing(clientId), null);
    }

    /** Registers a client; a confidential one with a secret method gets a secret, shown in this answer only. */
    @Transactional
    public ClientView register(Registration form) {
        return register(form, null);
    }

    /** As above with a known secret: demo clients only, whose secret is published. */
    @Transactional
    public ClientView register(Registration form, String knownSecret) {
        Valid v = validate(form, null);
        if (find("client_id", v.clientId()).isPresent()) {
            throw ApiProblem.invalidField("clientId", "CLIENT_ID_TAKEN", "Another client has this client_id");
        }
        String secret = v.usesSecret() ? (knownSecret != null ? knownSecret : ClientSecrets.generate()) : null;
        insert(v, UUID.randomUUID().toString(), secret == null ? null : secrets.encode(secret));
        return view(existing(v.clientId()), secret);
    }

    private void insert(Valid v, String id, String secretHash) {
        jdbc.sql("""
                        insert into eid.relying_party (id, client_id, name, kind, confidential, auth_methods, secret_hash, jwks_uri,
                            redirect_uris, post_logout_redirect_uris, scopes, claims, acr_values, purpose, sector, status)
                        values (:id, :clientId, :name, :kind, :confidential, :methods, :secret, :jwks, :redirects, :logouts, :scopes,
                            :claims, :acr, :purpose, :sector, :status)""")
                .paramSource(v.params().addValue("id", id).addValue("secret", secretHash)).update();
        changed();
    }

    @Transactional
    public ClientView update(String clientId, Registration form, int expectedVersion) {
        RelyingParty current = existing(clientId);
        Valid v = validate(form, current);
        if (current.version() != expectedVersion) {
            throw versionConflict(current.version());
        }
        if (v.usesSecret() && current.secretHash() == null) {
            throw ApiProblem.invalidField("authMethods", "SECRET_MISSING", "Make a secret first (POST .../secret)");
        }
        if (jdbc.sql("""
                        update eid.relying_party set name = :name, kind = :kind, confidential = :confidential, auth_methods = :methods,
                            jwks_uri = :jwks, redirect_uris = :redirects, post_logout_redirect_uris = :logouts, scopes = :scopes,
                            claims = :claims, acr_values = :acr, purpose = :purpose, sector = :sector, status = :status,
                            updated_at = now(), version = version + 1
                        where client_id = :clientId and version = :version""")
                .paramSource(v.params().addValue("version", expectedVersion)).update() == 0) {
            throw versionConflict(expectedVersion + 1);
        }
        changed();
        if (!"ACTIVE".equals(v.params().getValue("status"))) {
            // A suspended client's logins and tokens end now, refresh tokens included; its client_credentials tokens
            // are not stored, so they end by date, and stay dead if it is reactivated (eid.ClientTokens).
            jdbc.sql("delete from public.oauth2_authorization where registered_client_id = ?").param(current.id()).update();
            jdbc.sql("update eid.relying_party set tokens_not_before = now() where id = ?").param(current.id()).update();
            events.publishEvent(new ClientSuspended(clientId));
        }
        return view(existing(clientId), null);
    }

    /** Demo mode: the client exists with at least these redirect URIs (the port may differ from one start to the next). */
    @Transactional
    public void ensureDemoClient(Registration form, String secret) {
        Optional<RelyingParty> current = find("client_id", form.clientId());
        if (current.isEmpty()) {
            register(form, secret);
            return;
        }
        List<String> redirects = new ArrayList<>(current.get().redirectUris());
        list(form.redirectUris()).stream().filter(u -> !redirects.contains(u)).forEach(redirects::add);
        List<String> logouts = new ArrayList<>(current.get().postLogoutRedirectUris());
        list(form.postLogoutRedirectUris()).stream().filter(u -> !logouts.contains(u)).forEach(logouts::add);
        jdbc.sql("update eid.relying_party set redirect_uris = ?, post_logout_redirect_uris = ? where id = ?")
                .params(array(redirects), array(logouts), current.get().id()).update();
        changed();
    }

    private static ApiProblem versionConflict(int current) {
        return ApiProblem.conflict("VERSION_CONFLICT", "The client was changed meanwhile (now version " + current + "); reload it");
    }

    /** A new secret replaces the old at once; it is in this answer only. */
    @Transactional
    public ClientView newSecret(String clientId) {
        RelyingParty rp = existing(clientId);
        if (!rp.confidential()) {
            throw ApiProblem.conflict("PUBLIC_CLIENT", "A public client has no secret");
        }
        String secret = ClientSecrets.generate();
        jdbc.sql("update eid.relying_party set secret_hash = ?, updated_at = now(), version = version + 1 where id = ?")
                .params(secrets.encode(secret), rp.id()).update();
        changed();
        return view(existing(clientId), secret);
    }



    private RelyingParty existing(String clientId) {
        return find("client_id", clientId).orElseThrow(() -> ApiProblem.notFound("CLIENT_NOT_FOUND", "No client " + clientId));
    }

    // --- validation

    private record Valid(String clientId, boolean usesSecret, org.springframework.jdbc.core.namedparam.MapSqlParameterSource params) {
    }

    private Valid validate(Registration f, RelyingParty current) {
        FieldErrors errors = new FieldErrors();
        String clientId = current != null ? current.clientId() : f.clientId() == null ? null : f.clientId().strip();
        if (current == null && (clientId == null || !clientId.matches("[a-z0-9][a-z0-9._-]{2,99}"))) {
            errors.add("clientId", "INVALID_CLIENT_ID", "3 to 100 characters: lower-case letters, digits, '.', '_', '-'");
        }
        String name = errors.text("name", f.name(), 200);
        String kind = errors.oneOf("kind", f.kind(), Set.of("RELYING_PARTY", "API_CLIENT", "STAFF_APP"));
        boolean confidential = f.confidential() == null || f.confidential();
        List<String> methods = list(f.authMethods());
        List<String> redirects = list(f.redirectUris());
        List<String> logouts = list(f.postLogoutRedirectUris());
        List<String> scopes = list(f.scopes());
        List<String> claims = list(f.claims());
        List<String> acr = list(f.acrValues());
        String purpose = errors.text("purpose", f.purpose(), 1000);
        String sector = f.sector() == null || f.sector().isBlank() ? clientId : f.sector().strip();
        if (sector != null && !sector.matches("[a-z0-9][a-z0-9._:-]{1,99}")) {
            errors.add("sector", "INVALID_SECTOR", "A sector identifier is 2 to 100 characters: a-z, 0-9, '.', '_', ':', '-'");
        }
        // A change that leaves the status out keeps it: a PUT must not reactivate a suspended client by omission.
        String status = f.status() == null ? (current == null ? "ACTIVE" : current.status())
                : errors.oneOf("status", f.status(), Set.of("ACTIVE", "SUSPENDED"));
        if (!confidential) {
            if (!"RELYING_PARTY".equals(kind)) {
                errors.add("confidential", "PUBLIC_NOT_ALLOWED", "Only a relying party can be a public client (PKCE, no secret)");
            }
            if (!methods.isEmpty()) {
                errors.add("authMethods", "PUBLIC_HAS_NO_AUTH", "A public client authenticates with PKCE only; leave authMethods empty");
            }
        } else {
            if (methods.isEmpty()) {
                errors.add("authMethods", "REQUIRED", "Give at least one of " + AUTH_METHODS);
            }
            methods.stream().filter(m -> !AUTH_METHODS.contains(m)).forEach(m ->
                    errors.add("authMethods", "UNKNOWN_METHOD", m + " is not one of " + AUTH_METHODS));
        }
        String jwksUri = f.jwksUri() == null || f.jwksUri().isBlank() ? null : f.jwksUri().strip();
        if (methods.contains("private_key_jwt") && jwksUri == null) {
            errors.add("jwksUri", "REQUIRED", "private_key_jwt needs the URL of the client's JWKS");
        }
        if (jwksUri != null && !isSafeUrl(jwksUri)) {
            errors.add("jwksUri", "INVALID_URI", "An https URL (http only for localhost)");
        }
        boolean logsUsersIn = !"API_CLIENT".equals(kind);
        if (logsUsersIn && redirects.isEmpty()) {
            errors.add("redirectUris", "REQUIRED", "A client that logs people in needs at least one redirect URI");
        }
        for (String uri : concat(redirects, logouts)) {
            if (!isSafeUrl(uri) || uri.contains("#")) {
                errors.add("redirectUris", "INVALID_URI", uri + ": an absolute https URI without fragment (http only for localhost)");
            }
        }
        if (logsUsersIn) {
            if (!scopes.contains("openid")) {
                errors.add("scopes", "OPENID_REQUIRED", "A client that logs people in asks for the openid scope");
            }
            scopes.stream().filter(s -> !OidcClaims.USER_SCOPES.contains(s) && !s.matches("share:[a-z][a-z-]{1,39}")).forEach(s ->
                    errors.add("scopes", "UNKNOWN_SCOPE", s + " is not one of " + OidcClaims.USER_SCOPES
                            + " or share:<product> (a business's consent to read a data product later)"));
            claims.stream().filter(c -> !OidcClaims.CLAIMS.contains(c)).forEach(c ->
                    errors.add("claims", "UNKNOWN_CLAIM", c + " is not one of " + OidcClaims.CLAIMS));
            acr.stream().filter(a -> CitizenPrincipal.loaOf(a) == 0).forEach(a ->
                    errors.add("acrValues", "UNKNOWN_ACR", a + " is not urn:dancu:loa:1 or urn:dancu:loa:2"));
        } else {
            scopes.stream().filter(s -> !s.matches("[a-z][a-z0-9._:-]{1,63}")).forEach(s ->
                    errors.add("scopes", "INVALID_SCOPE", s + ": lower-case letters, digits, '.', '_', ':', '-'"));
            if (!redirects.isEmpty() || !claims.isEmpty()) {
                errors.add("redirectUris", "NOT_FOR_API_CLIENT", "An API client has no redirect URIs and no claims");
            }
        }
        errors.throwIfAny();
        var params = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("clientId", clientId).addValue("name", name).addValue("kind", kind)
                .addValue("confidential", confidential).addValue("methods", array(methods)).addValue("jwks", jwksUri)
                .addValue("redirects", array(redirects)).addValue("logouts", array(logouts)).addValue("scopes", array(scopes))
                .addValue("claims", array(claims)).addValue("acr", array(acr)).addValue("purpose", purpose)
                .addValue("sector", sector).addValue("status", status);
        boolean usesSecret = methods.contains("client_secret_basic") || methods.contains("client_secret_post");
        return new Valid(clientId, usesSecret, params);
    }

    private static boolean isSafeUrl(String uri) {
        try {
            URI u = new URI(uri);
            if (!u.isAbsolute() || u.getHost() == null) {
                return false;
            }
            boolean local = "localhost".equals(u.getHost()) || "127.0.0.1".equals(u.getHost());
            return "https".equals(u.getScheme()) || "http".equals(u.getScheme()) && local;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    // --- mapping

    private Optional<RelyingParty> find(String column, String value) {
        return jdbc.sql("select " + COLUMNS + " from eid.relying_party where " + column + " = ?").param(value).query(this::map).optional();
    }

    private RelyingParty map(ResultSet rs, int row) throws SQLException {
        return new RelyingParty(rs.getString("id"), rs.getString("client_id"), rs.getString("name"),
                RelyingParty.Kind.valueOf(rs.getString("kind")), rs.getBoolean("confidential"), strings(rs.getArray("auth_methods")),
                rs.getString("secret_hash"), rs.getString("jwks_uri"), strings(rs.getArray("redirect_uris")),
                strings(rs.getArray("post_logout_redirect_uris")), strings(rs.getArray("scopes")), strings(rs.getArray("claims")),
                strings(rs.getArray("acr_values")), rs.getString("purpose"), rs.getString("sector"), rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"),
                rs.getTimestamp("tokens_not_before") == null ? null : rs.getTimestamp("tokens_not_before").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static ClientView view(RelyingParty rp, String secret) {
        return new ClientView(rp.clientId(), rp.name(), rp.kind().name(), rp.confidential(), rp.authMethods(), rp.jwksUri(),
                rp.redirectUris(), rp.postLogoutRedirectUris(), rp.scopes(), rp.claims(), rp.acrValues(), rp.purpose(),
                rp.sector(), rp.status(), rp.version(), secret);
    }

    static RegisteredClient toRegisteredClient(RelyingParty rp) {
        RegisteredClient.Builder b = RegisteredClient.withId(rp.id()).clientId(rp.clientId()).clientName(rp.name())
                .clientIdIssuedAt(rp.createdAt());
        if (rp.confidential()) {
            if (rp.secretHash() != null) {
                b.clientSecret(rp.secretHash());
            }
            rp.authMethods().forEach(m -> b.clientAuthenticationMethod(new ClientAuthenticationMethod(m)));
        } else {
            b.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        if (rp.kind() == RelyingParty.Kind.API_CLIENT) {
            b.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        } else {
            b.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
            if (rp.confidential()) {
                b.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
            }
            rp.redirectUris().forEach(b::redirectUri);
            rp.postLogoutRedirectUris().forEach(b::postLogoutRedirectUri);
        }
        rp.scopes().forEach(b::scope);
        ClientSettings.Builder settings = ClientSettings.builder()
                .requireProofKey(!rp.confidential())
                .requireAuthorizationConsent(rp.kind() == RelyingParty.Kind.RELYING_PARTY);
        if (rp.jwksUri() != null) {
            settings.jwkSetUrl(rp.jwksUri()).tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256);
        }
        b.clientSettings(settings.build());
        b.tokenSettings(TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(Duration.ofMinutes(5))
                .authorizationCodeTimeToLive(Duration.ofMinutes(2))
                .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
                .refreshTokenTimeToLive(Duration.ofHours(8))
                .reuseRefreshTokens(false)
                .build());
        return b.build();
    }
}
