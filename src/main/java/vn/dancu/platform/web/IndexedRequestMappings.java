package vn.dancu.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finds the controller method of a request among the few mappings whose leading literal path segments the request's
 * path starts with, instead of testing every mapping of the platform.
 *
 * <p>Why: Spring MVC looks up a path with a variable ({@code /api/v1/registry/persons/{number}}) by testing all of
 * its ~270 mappings, each through the method, header, media-type and pattern conditions of a request wrapped ten
 * times by the security and session filters. The profile of the lookup benchmark put that scan at 15% of the JVM's
 * time per lookup. A pattern can match only paths that begin with its literal segments, so indexing the mappings
 * by those segments keeps Spring's own matching, ordering and errors while testing a handful of them.
 *
 * <p>The rest is Spring's {@code lookupHandlerMethod}: direct (variable-free) paths first, then the patterns, the
 * best match by Spring's comparator, an error for an ambiguous pair, and {@code handleNoMatch} over every mapping
 * so that 405, 406 and 415 answers stay as they were. CORS preflights, which this platform does not configure, and
 * a case-insensitive parser go to Spring's full scan.
 */
final class IndexedRequestMappings extends RequestMappingHandlerMapping {

    private volatile Index index;

    @Override
    public void afterPropertiesSet() {
        super.afterPropertiesSet();
        index = new Index(getHandlerMethods());
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        index = new Index(getHandlerMethods());
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        index = new Index(getHandlerMethods());
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        Index current = index;
        if (current == null || !current.usable || CorsUtils.isPreFlightRequest(request)
                || !ServletRequestPathUtils.hasParsedRequestPath(request)) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        List<Matched> matches = matching(current.direct.getOrDefault(lookupPath, List.of()), current, request);
        if (matches.isEmpty()) {
            matches = matching(current.candidates(segments(request)), current, request);
        }
        if (matches.isEmpty()) {
            return handleNoMatch(current.all, lookupPath, request);
        }
        Matched best = matches.getFirst();
        if (matches.size() > 1) {
            Comparator<RequestMappingInfo> comparator = getMappingComparator(request);
            matches.sort((a, b) -> comparator.compare(a.info, b.info));
            best = matches.getFirst();
            if (comparator.compare(best.info, matches.get(1).info) == 0) {
                throw new IllegalStateException("Ambiguous handler methods mapped for '" + request.getRequestURI()
                        + "': {" + best.handler.getMethod() + ", " + matches.get(1).handler.getMethod() + "}");
            }
        }
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, best.handler);
        handleMatch(best.info, lookupPath, request);
        return best.handler;
    }

    /** Spring's full scan, kept for the test that compares both on every mapping. */
    HandlerMethod lookupByScan(String lookupPath, HttpServletRequest request) throws Exception {
        return super.lookupHandlerMethod(lookupPath, request);
    }

    private List<Matched> matching(Iterable<RequestMappingInfo> candidates, Index current, HttpServletRequest request) {
        List<Matched> matches = new ArrayList<>(2);
        for (RequestMappingInfo candidate : candidates) {
            RequestMappingInfo match = getMatchingMapping(candidate, request);
            if (match != null) {
                matches.add(new Matched(match, current.handlers.get(candidate)));
            }
        }
        return matches;
    }

    /** The path's segments as PathPattern compares them: decoded, without matrix variables. */
    private static List<String> segments(HttpServletRequest request) {
        List<String> segments = new ArrayList<>();
        for (PathContainer.Element element :
                ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                segments.add(segment.valueToMatch());
            }
        }
        return segments;
    }

    private record Matched(RequestMappingInfo info, HandlerMethod handler) {}

    /** The mappings by direct path and by leading literal segments; rebuilt whole when a mapping is (un)registered. */
    private final class Index {

        final Map<RequestMappingInfo, HandlerMethod> handlers;
        final Set<RequestMappingInfo> all;
        final Map<String, List<RequestMappingInfo>> direct = new HashMap<>();
        /** Key: the literal segments joined by '/', "" for patterns that begin with a variable. */
        final Map<String, List<RequestMappingInfo>> byPrefix = new HashMap<>();
        final boolean usable;

        Index(Map<RequestMappingInfo, HandlerMethod> handlers) {
            this.handlers = handlers;
            this.all = handlers.keySet();
            boolean indexable = getPatternParser() != null && getPatternParser().isCaseSensitive();
            for (RequestMappingInfo info : all) {
                PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
                if (patterns == null) {
                    indexable = false;
                    continue;
                }
                for (String path : info.getDirectPaths()) {
                    direct.computeIfAbsent(path, p -> new ArrayList<>()).add(info);
                }
                for (PathPattern pattern : patterns.getPatterns()) {
                    byPrefix.computeIfAbsent(literalPrefix(pattern.getPatternString()), p -> new ArrayList<>()).add(info);
                }
            }
            this.usable = indexable;
        }

        /** Every mapping whose literal prefix is a leading run of the path's segments, each once. */
        Set<RequestMappingInfo> candidates(List<String> segments) {
            Set<RequestMappingInfo> candidates = new LinkedHashSet<>(byPrefix.getOrDefault("", List.of()));
            StringBuilder key = new StringBuilder();
            for (String segment : segments) {
                key.append('/').append(segment);
                List<RequestMappingInfo> bucket = byPrefix.get(key.toString());
                if (bucket != null) {
                    candidates.addAll(bucket);
                }
            }
            return candidates;
        }

        /**
         * The segments before the first one with pattern syntax, or with characters that PathPattern would compare
         * after decoding ('%', ';'): those and everything after them are left to the pattern itself.
         */
        static String literalPrefix(String pattern) {
            StringBuilder prefix = new StringBuilder();
            for (String segment : pattern.split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                if (segment.chars().anyMatch(c -> "{}*?%;\\".indexOf(c) >= 0)) {
                    break;
                }
                prefix.append('/').append(segment);
            }
            return prefix.toString();
        }
    }
}
