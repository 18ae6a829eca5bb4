package vn.dancu.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title, version and authentication of the API as Swagger UI and /v3/api-docs show them. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** What the platform offers and how to call it, for a newcomer who opens Swagger UI first. */
    static final String DESCRIPTION = """
            The platform of Decision 06/QĐ-TTg, one API under `/api/v1`:

            - **Population registry**: births, residences, deaths, households, ID cards, old ID numbers, \
            history, bulk import; administrative units (the 34 provinces, with the 2025 mapping of the old 63).
            - **e-ID**: citizens' accounts at level 1 and 2; the platform is an **OpenID Connect provider** \
            (`/.well-known/openid-configuration`) for portals and businesses, with relying parties managed by ADMIN.
            - **Data exchange** (`/api/v1/exchange`): members (agencies and businesses) verify attributes, query \
            persons, read change events or receive webhooks, reconcile sector databases and see their fees, \
            under policy, purpose and the citizen's consent.
            - **Open statistics** (`/api/v1/statistics`): population tables by unit and dimension for members \
            with the `statistics` product, and noisy public tables (`/api/v1/statistics/public`), with small \
            cells withheld.
            - **Procedures** (`/api/v1/procedures`, `/api/v1/applications`): the essential procedures of \
            Appendix I, applications, their inter-agency legs and signed results.
            - **Access log**: every read of a person states its purpose (`X-Purpose` header) and is logged in a \
            hash chain; citizens read who used their data (`/api/v1/me/access-log`), AUDITOR inspects it, and \
            its signed **checkpoints** are public (`/api/v1/audit/checkpoints`) so that anyone can witness them.

            **Errors** are RFC 9457 `application/problem+json` with a stable `code` and, for bad input, one \
            entry per field.

            **Authentication**: staff open an API session with username, password and the one-time code of \
            their authenticator app (`POST /api/v1/auth/session` with a JSON body, then the `JSESSIONID` cookie \
            and `X-CSRF-TOKEN`), or call with a bearer token that the platform's own provider issued to a staff \
            application after a login with the second factor; HTTP Basic with a password alone only in demo \
            mode. Members call with their API client's bearer token; \
            citizens through their login or a relying party's token. Who may call which operation is the \
            table in `docs/authorization.md`.""";

    @Bean
    OpenAPI dancuOpenApi() {
        return new OpenAPI()
                .info(new Info().title("dancu API").version("v1").description(DESCRIPTION)
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes("staff", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                                .description("An API session opened with POST /api/v1/auth/session (demo mode: also HTTP Basic)"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("staff"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
