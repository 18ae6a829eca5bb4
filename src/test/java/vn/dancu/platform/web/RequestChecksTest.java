package vn.dancu.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** The checks that refuse a request before any controller reads it, and the proxies the platform believes. */
class RequestChecksTest {

    @Test
    void aQueryMustDecodeToUtf8WithoutControlCharacters() {
        assertThat(EncodingCheck.checkQuery(null)).isNull();
        assertThat(EncodingCheck.checkQuery("name=Nguy%E1%BB%85n+V%C4%83n&page=0&empty=&flag")).isNull();
        assertThat(EncodingCheck.checkQuery("reason=line%0Aline%09tab")).as("a text area's newlines and tabs").isNull();
        assertThat(EncodingCheck.checkQuery("name=%ZZ")).isEqualTo(Refusal.BAD_ENCODING);
        assertThat(EncodingCheck.checkQuery("name=%FF%FE")).isEqualTo(Refusal.BAD_ENCODING);
        assertThat(EncodingCheck.checkQuery("name=%C0%AF")).as("an overlong UTF-8 slash").isEqualTo(Refusal.BAD_ENCODING);
        assertThat(EncodingCheck.checkQuery("name=%E1%BB")).as("cut inside a character").isEqualTo(Refusal.BAD_ENCODING);
        assertThat(EncodingCheck.checkQuery("name=50%")).isEqualTo(Refusal.BAD_ENCODING);
        assertThat(EncodingCheck.checkQuery("%ZZ=1")).as("a name is checked as a value is").isEqualTo(Refusal.BAD_ENCODING);
        assertThat(EncodingCheck.checkQuery("name=a%00b")).isEqualTo(Refusal.REQUEST_REJECTED);
        assertThat(EncodingCheck.checkQuery("name=a%1Bb")).isEqualTo(Refusal.REQUEST_REJECTED);
        assertThat(EncodingCheck.checkQuery("name=a%C2%85b")).as("a C1 control character").isEqualTo(Refusal.REQUEST_REJECTED);
        assertThat(EncodingCheck.checkQuery("name=a%00b&x=%ZZ")).as("what does not decode is named first").isEqualTo(Refusal.BAD_ENCODING);
    }

    @Test
    void failuresOfTheCallerBecomeTheirRefusalsAndOthersDoNot() {
        assertThat(Refusal.of(new RequestRejectedException("semicolon"))).isEqualTo(Refusal.REQUEST_REJECTED);
        assertThat(Refusal.of(new jakarta.servlet.ServletException(new InvalidParameterException("bad", 400))))
                .as("found behind the wrapper").isEqualTo(Refusal.BAD_ENCODING);
        assertThat(Refusal.of(new InvalidParameterException("too many", 413))).isEqualTo(Refusal.FORM_TOO_LARGE);
        assertThat(Refusal.of(new MaxUploadSizeExceededException(10))).isEqualTo(Refusal.FILE_TOO_LARGE);
        assertThat(Refusal.of(new MultipartException("no boundary"))).isEqualTo(Refusal.MALFORMED_MULTIPART);
        assertThat(Refusal.of(new IllegalStateException("a bug"))).isNull();
        assertThat(Refusal.of(null)).isNull();
        assertThat(Refusal.ofStatus(HttpStatus.INTERNAL_SERVER_ERROR).code()).isEqualTo("INTERNAL_ERROR");
        assertThat(Refusal.ofStatus(HttpStatus.BAD_REQUEST).code()).isEqualTo("MALFORMED_REQUEST");
        assertThat(Refusal.ofStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE).code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void tomcatsOwnRefusalsAreToldApart() {
        IllegalArgumentException tooLarge = new IllegalArgumentException("Request header is too large");
        assertThat(ProblemReportValve.refusal(HttpStatus.BAD_REQUEST, tooLarge, null, null).status()).isEqualTo(HttpStatus.URI_TOO_LONG);
        assertThat(ProblemReportValve.refusal(HttpStatus.BAD_REQUEST, tooLarge, "/api/v1/x", null).code()).isEqualTo("HEADER_TOO_LARGE");
        assertThat(ProblemReportValve.refusal(HttpStatus.BAD_REQUEST,
                new IllegalArgumentException("The HTTP header line [a] does not conform to RFC 9112"), "/api/v1/x", null))
                .isEqualTo(Refusal.REQUEST_REJECTED);
        assertThat(ProblemReportValve.refusal(HttpStatus.BAD_REQUEST, null, "/api/v1/a%ZZ", "Invalid URI")).isEqualTo(Refusal.BAD_ENCODING);
        assertThat(ProblemReportValve.refusal(HttpStatus.BAD_REQUEST, null, "/api/v1/a%FF", null)).isEqualTo(Refusal.BAD_ENCODING);
        assertThat(ProblemReportValve.refusal(HttpStatus.BAD_REQUEST, null, "/api/v1/a%2Fb", "Invalid URI: [The encoded slash character is not allowed]"))
                .isEqualTo(Refusal.REQUEST_REJECTED);
        assertThat(ProblemReportValve.refusal(HttpStatus.NOT_FOUND, null, "/api/v1/x", null).code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void trustedProxiesAreAddressesOrRangesAndNoneByDefault() {
        assertThat(TrustedProxies.parse("").none()).isTrue();
        assertThat(TrustedProxies.parse(null).none()).isTrue();
        assertThat(TrustedProxies.parse(" 10.0.0.5 , 192.168.0.0/16,::1, 2001:db8::/32 ").ranges())
                .containsExactly("10.0.0.5/32", "192.168.0.0/16", "::1/128", "2001:db8::/32");
        assertThat(TrustedProxies.parse("127.0.0.1").valve().getInternalProxies()).as("read by Tomcat as a range, not a regex")
                .isEqualTo("127.0.0.1/32");
        assertThatThrownBy(() -> TrustedProxies.parse("proxy.example.org")).hasMessageContaining("proxy.example.org");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.*")).hasMessageContaining("10.0.0.*");
    }
}
