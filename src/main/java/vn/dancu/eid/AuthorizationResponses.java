package vn.dancu.eid;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The answers of the authorization endpoint, as Spring Authorization Server sends them plus the
 * {@code iss} parameter of RFC 9207 on every redirect back to the client, codes and errors alike:
 * a client that talks to several providers can then tell which one answered (mix-up attacks).
 * Discovery announces it with {@code authorization_response_iss_parameter_supported}.
 *
 * <p>One error is first explained to the citizen: a level-1 account at a relying party that needs
 * level 2 ({@code unmet_authentication_requirements}) sees {@link LevelTwoRequiredPage}, which says
 * why and how to reach level 2 and offers the way back to the relying party with that error. The
 * relying party itself could only say that the login failed. Not with {@code prompt=none}, where
 * the provider shows nothing.
 */
final class AuthorizationResponses implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private final Issuer issuer;
    private final RelyingParties relyingParties;

    AuthorizationResponses(Issuer issuer, RelyingParties relyingParties) {
        this.issuer = issuer;
        this.relyingParties = relyingParties;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        var granted = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(granted.getRedirectUri())
                .queryParam("code", granted.getAuthorizationCode().getTokenValue());
        redirect(response, uri, granted.getState());
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        var failure = (OAuth2AuthorizationCodeRequestAuthenticationException) exception;
        OAuth2Error error = failure.getError();
        OAuth2AuthorizationCodeRequestAuthenticationToken asked = failure.getAuthorizationCodeRequestAuthentication();
        if (asked == null || asked.getRedirectUri() == null || asked.getRedirectUri().isBlank()) {
            // An unknown client or a redirect URI it did not register: never redirected to (RFC 6749, 4.1.2.1).
            response.sendError(HttpStatus.BAD_REQUEST.value(), error.toString());
            return;
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(asked.getRedirectUri())
                .queryParam("error", error.getErrorCode());
        if (error.getDescription() != null && !error.getDescription().isBlank()) {
            uri.queryParam("error_description", encode(error.getDescription()));
        }
        if (error.getUri() != null && !error.getUri().isBlank()) {
            uri.queryParam("error_uri", encode(error.getUri()));
        }
        String back = withStateAndIssuer(uri, asked.getState());
        if (AuthorizationServerConfiguration.UNMET.equals(error.getErrorCode()) && !"none".equals(asked.getAdditionalParameters().get("prompt"))) {
            String client = relyingParties.byClientId(asked.getClientId()).map(RelyingParty::name).orElse(asked.getClientId());
            request.getSession().setAttribute(LevelTwoRequiredPage.RETURN, new LevelTwoRequiredPage.Return(client, back));
            response.sendRedirect(request.getContextPath() + LevelTwoRequiredPage.PATH);
            return;
        }
        response.sendRedirect(back);
    }

    private void redirect(HttpServletResponse response, UriComponentsBuilder uri, String state) throws IOException {
        response.sendRedirect(withStateAndIssuer(uri, state));
    }

    private String withStateAndIssuer(UriComponentsBuilder uri, String state) {
        if (state != null && !state.isBlank()) {
            uri.queryParam("state", encode(state));
        }
        uri.queryParam("iss", encode(issuer.value()));
        return uri.build(true).toUriString();
    }

    private static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
