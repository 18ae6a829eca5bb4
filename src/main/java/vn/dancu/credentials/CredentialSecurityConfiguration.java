package vn.dancu.credentials;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import vn.dancu.identity.AuthorizationMatrix;

/**
 * The issuer's protocol endpoints: its metadata and keys, the status lists, OID4VCI's token, nonce
 * and credential endpoints, and the verification API (it changes nothing, so a caller's session
 * cookie needs no CSRF token there). A chain of their own because wallets call them with no session
 * and, at the credential endpoint, with the access token of a pre-authorized code, which is this
 * module's own (the endpoint checks it): the staff chain would take it for one of the OpenID
 * provider's JWTs and refuse it. Only the matrix's public rows pass; no session, so no CSRF.
 */
@Configuration(proxyBeanMethods = false)
class CredentialSecurityConfiguration {

    @Bean
    @Order(6)
    @ConditionalOnWebApplication
    SecurityFilterChain credentialIssuerChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/credentials/**", "/api/v1/credentials/**", CredentialApi.JWT_VC_ISSUER, Oid4vci.METADATA)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(request -> AuthorizationMatrix.isPublic(request)).permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }
}
