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

    @Bean
    OpenAPI dancuOpenApi() {
        return new OpenAPI()
                .info(new Info().title("dancu API").version("v1")
                        .description("Population registry, administrative units and bulk import. Errors are RFC 9457 "
                                + "problem+json with a stable `code`. Every read of a person states its purpose in the "
                                + "`X-Purpose` header and is access-logged.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes("staff",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("staff"));
    }
}
