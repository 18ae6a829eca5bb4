package vn.dancu.eid;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The provider's authorizations, with client_credentials tokens left unstored. Such a token is a signed JWT
 * that says all an authorization would (client, scopes, times), so storing it only cost a row and a durable
 * commit per token. What must be remembered is that it was revoked: {@code eid.revoked_access_token}, an
 * append-only deny-list (V35). Every other grant (codes, citizens' and staff's tokens, refresh tokens) is
 * stored as before.
 *
 * <p>Spring Authorization Server's revocation and introspection endpoints, and the data exchange's token
 * check, find a token through {@link #findByToken}: for a client token this checks the signature, then rebuilds
 * the authorization from its claims and the client's registration (none for a suspended or unknown client),
 * marked invalidated when the token is on the deny-list or was issued before the client's
 * {@code tokens_not_before} (its last suspension). Revocation marks it invalidated and {@link #save}s it, which
 * here adds it to the deny-list; the list's trigger tells every node through the cache bus.
 */
final class ClientTokens implements OAuth2AuthorizationService {

    private final OAuth2AuthorizationService stored;
    private final JwtDecoder decoder;
    private final RelyingParties relyingParties;
    private final JdbcClient jdbc;

    ClientTokens(OAuth2AuthorizationService stored, JwtDecoder decoder, RelyingParties relyingParties, JdbcClient jdbc) {
        this.stored = stored;
        this.decoder = decoder;
        this.relyingParties = relyingParties;
        this.jdbc = jdbc;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        if (!isClientCredentials(authorization)) {
            stored.save(authorization);
            return;
        }
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        if (access != null && access.isInvalidated()) {
            revoke(authorization, access);
        }
    }

    /** Spring Authorization Server removes an authorization whose tokens must stop: for a client token that is a revocation. */
    @Override
    public void remove(OAuth2Authorization authorization) {
        if (!isClientCredentials(authorization)) {
            stored.remove(authorization);
            return;
        }
        if (authorization.getAccessToken() != null) {
            revoke(authorization, authorization.getAccessToken());
        }
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return stored.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (tokenType == null || OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) {
            Optional<Jwt> clientToken = clientToken(token);
            if (clientToken.isPresent()) {
                return rebuilt(clientToken.get());
            }
        }
        return stored.findByToken(token, tokenType);
    }

    private static boolean isClientCredentials(OAuth2Authorization authorization) {
        return AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType());
    }

    /** A token this provider signed for a client on its own behalf, still valid by its dates; else empty. */
    private Optional<Jwt> clientToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        try {
            Jwt jwt = decoder.decode(token);
            return "client".equals(jwt.getClaimAsString(AuthorizationServerConfiguration.ClaimNames.PRINCIPAL_TYPE))
                    ? Optional.of(jwt) : Optional.empty();
        } catch (JwtException e) {
            return Optional.empty();
        }
    }

    private OAuth2Authorization rebuilt(Jwt jwt) {
        String clientId = jwt.getClaimAsString("client_id");
        Optional<RelyingParty> client = relyingParties.byClientId(clientId).filter(RelyingParty::active);
        if (client.isEmpty() || !clientId.equals(jwt.getSubject()) || jwt.getId() == null || jwt.getIssuedAt() == null
                || jwt.getExpiresAt() == null) {
            return null;
        }
        Set<String> scopes = scopes(jwt);
        OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, jwt.getTokenValue(),
                jwt.getIssuedAt(), jwt.getExpiresAt(), scopes);
        OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(RelyingParties.toRegisteredClient(client.get()))
                .id(jwt.getId())
                .principalName(clientId)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .authorizedScopes(scopes)
                .token(access, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims()));
        if (issuedBeforeSuspension(jwt.getIssuedAt(), client.get().tokensNotBefore()) || revoked(jwt.getId())) {
            authorization.invalidate(access);
        }
        return authorization.build();
    }

    /** {@code iat} has whole seconds: a token of the second of the suspension counts as before it. */
    private static boolean issuedBeforeSuspension(Instant issuedAt, Instant notBefore) {
        return notBefore != null && !issuedAt.isAfter(notBefore);
    }

    private boolean revoked(String jti) {
        return jdbc.sql("select exists (select from eid.revoked_access_token where jti = ?)").param(jti).query(Boolean.class).single();
    }

    private void revoke(OAuth2Authorization authorization, OAuth2Authorization.Token<? extends org.springframework.security.oauth2.core.OAuth2Token> access) {
        Object jti = access.getClaims() == null ? null : access.getClaims().get("jti");
        // every client token has an expiry (the provider sets it; rebuilt() refuses a token without)
        Instant expiresAt = java.util.Objects.requireNonNull(access.getToken().getExpiresAt());
        jdbc.sql("""
                        insert into eid.revoked_access_token (jti, client_id, expires_at) values (?, ?, ?)
                        on conflict (jti) do nothing""")
                .params(jti != null ? jti.toString() : authorization.getId(), authorization.getPrincipalName(),
                        java.sql.Timestamp.from(expiresAt))
                .update();
    }

    private static Set<String> scopes(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        Set<String> scopes = new LinkedHashSet<>();
        if (scope instanceof Collection<?> values) {
            values.forEach(v -> scopes.add(String.valueOf(v)));
        } else if (scope instanceof String text && !text.isBlank()) {
            scopes.addAll(java.util.List.of(text.trim().split("\\s+")));
        }
        return scopes;
    }
}
