package vn.dancu.platform.web;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.catalina.valves.RemoteIpValve;

/**
 * The reverse proxies whose {@code X-Forwarded-*} headers are believed, from
 * {@code DANCU_TRUSTED_PROXIES}: addresses or CIDR ranges, comma-separated. Empty (the default)
 * believes no one, loopback included: anyone could otherwise choose the address that the login
 * throttles count, and claim HTTPS.
 */
record TrustedProxies(List<String> ranges) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Every entry is checked at start: a typo must stop the platform, not quietly trust no proxy or the wrong one. */
    static TrustedProxies parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return new TrustedProxies(List.of());
        }
        List<String> ranges = Arrays.stream(configured.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(TrustedProxies::range).toList();
        return new TrustedProxies(ranges);
    }

    /** An address becomes the range of that address alone: Tomcat reads a list with a slash as CIDR ranges, else as a regex. */
    private static String range(String entry) {
        String[] parts = entry.split("/", 2);
        boolean v4 = IPV4.matcher(parts[0]).matches();
        if (!v4 && !IPV6.matcher(parts[0]).matches()) {
            throw new IllegalArgumentException("DANCU_TRUSTED_PROXIES: " + entry + " is not an IP address or CIDR range");
        }
        String range = parts.length == 2 ? entry : entry + (v4 ? "/32" : "/128");
        try {
            new org.apache.catalina.util.NetMask(range);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DANCU_TRUSTED_PROXIES: " + entry + " is not an IP address or CIDR range", e);
        }
        return range;
    }

    boolean none() {
        return ranges.isEmpty();
    }

    /**
     * Tomcat's RemoteIpValve over these ranges: the client is the right-most address of
     * {@code X-Forwarded-For} that is not one of them, and {@code X-Forwarded-Proto: https} makes
     * the request secure; from any other peer the headers are ignored.
     */
    RemoteIpValve valve() {
        RemoteIpValve valve = new RemoteIpValve();
        valve.setInternalProxies(String.join(",", ranges));
        valve.setTrustedProxies("");
        valve.setRemoteIpHeader("X-Forwarded-For");
        valve.setProtocolHeader("X-Forwarded-Proto");
        valve.setPortHeader("X-Forwarded-Port");
        valve.setHostHeader("X-Forwarded-Host");
        return valve;
    }
}
