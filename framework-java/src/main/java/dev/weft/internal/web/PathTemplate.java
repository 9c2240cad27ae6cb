package dev.weft.internal.web;

import dev.weft.http.UrlCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A parsed route path such as {@code /users/{id}/files/{name:.+}}: its segments, each static text, a plain
 * placeholder (one whole segment), or a pattern (a segment mixing text and placeholders, or a placeholder with a
 * regex, which may span {@code /}). Parsed and validated once, when a route is added; builds URLs for reversal.
 */
public final class PathTemplate {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String source;
    private final List<Segment> segments;
    private final List<String> names;

    private PathTemplate(String source, List<Segment> segments, List<String> names) {
        this.source = source;
        this.segments = segments;
        this.names = names;
    }

    /** One segment of a template. */
    public sealed interface Segment permits Literal, Placeholder, Regex {
    }

    /** Static text (decoded form). */
    public record Literal(String text) implements Segment {
    }

    /** {@code {name}}: any one non-empty segment. */
    public record Placeholder(String name) implements Segment {
    }

    /**
     * A segment with a pattern: {@code {name:regex}} or text mixed with placeholders. {@code spanning} is true when
     * the pattern may match a {@code /}, so the match is tried over several segments.
     */
    public record Regex(Pattern pattern, List<Piece> pieces, boolean spanning) implements Segment {
        /** Matches {@code candidate} whole; fills {@code out} with name, value pairs; returns false on no match. */
        public boolean match(String candidate, List<String> out) {
            Matcher m = pattern.matcher(candidate);
            if (!m.matches()) {
                return false;
            }
            int g = 0;
            for (Piece p : pieces) {
                if (p.name() != null) {
                    out.add(p.name());
                    out.add(UrlCodec.unquoteSafe(m.group("g" + g++)));
                }
            }
            return true;
        }
    }

    /** Part of a {@link Regex} segment: static text, or a placeholder with its own pattern (null for the default). */
    public record Piece(@Nullable String text, @Nullable String name, @Nullable Pattern own) {
    }

    /**
     * Parses {@code path}.
     *
     * @throws IllegalArgumentException saying what is wrong and how to fix it
     */
    public static PathTemplate parse(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw new IllegalArgumentException("route path '" + path + "' must start with '/'");
        }
        List<String> raw = splitSegments(path);
        List<Segment> segments = new ArrayList<>(raw.size());
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (String s : raw) {
            Segment seg = parseSegment(path, s);
            segments.add(seg);
            for (String n : namesOf(seg)) {
                if (!seen.add(n)) {
                    throw new IllegalArgumentException("route path '" + path + "' uses placeholder {" + n
                            + "} twice; each placeholder name must be unique");
                }
                names.add(n);
            }
        }
        return new PathTemplate(path, List.copyOf(segments), List.copyOf(names));
    }

    public String source() {
        return source;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The placeholder names, in order. */
    public List<String> names() {
        return names;
    }

    /** Whether the template has no placeholder. */
    public boolean isStatic() {
        return names.isEmpty();
    }

    /**
     * The template with its placeholder names left out, such as {@code /users/{}} for {@code /users/{id}}: two
     * templates of the same shape match the same paths.
     */
    public String shape() {
        StringBuilder b = new StringBuilder();
        for (Segment seg : segments) {
            b.append('/');
            if (seg instanceof Literal l) {
                b.append(l.text());
            } else if (seg instanceof Placeholder) {
                b.append("{}");
            } else {
                for (Piece piece : ((Regex) seg).pieces()) {
                    if (piece.text() != null) {
                        b.append(piece.text());
                    } else {
                        b.append(piece.own() == null ? "{}" : "{:" + piece.own().pattern() + "}");
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * The percent-encoded path for {@code params}; each value must match its placeholder.
     *
     * @throws IllegalArgumentException for a missing, extra or non-matching value
     */
    public String build(Map<String, String> params) {
        for (String k : params.keySet()) {
            if (!names.contains(k)) {
                throw new IllegalArgumentException("route '" + source + "' has no placeholder {" + k + "}; it has "
                        + names);
            }
        }
        StringBuilder b = new StringBuilder();
        for (Segment seg : segments) {
            b.append('/');
            if (seg instanceof Literal l) {
                b.append(UrlCodec.encodePathSegment(l.text()));
            } else if (seg instanceof Placeholder p) {
                // A '/' in the value is sent as %2F, which the router keeps inside the segment (as aiohttp does).
                b.append(UrlCodec.encodePathSegment(required(params, p.name())));
            } else {
                Regex r = (Regex) seg;
                StringBuilder asRouted = new StringBuilder();
                for (Piece piece : r.pieces()) {
                    if (piece.text() != null) {
                        asRouted.append(UrlCodec.quoteSafe(piece.text(), false));
                        b.append(UrlCodec.encodePathSegment(piece.text()));
                        continue;
                    }
                    String v = required(params, piece.name());
                    if (piece.own() != null && !piece.own().matcher(v).matches()) {
                        throw new IllegalArgumentException("value '" + v + "' for {" + piece.name() + "} does not"
                                + " match its pattern " + piece.own().pattern() + " in route '" + source + "'");
                    }
                    boolean spans = piece.own() != null && maySpanSlash(piece.own().pattern());
                    asRouted.append(UrlCodec.quoteSafe(v, spans));
                    b.append(spans ? UrlCodec.encodePath(v) : UrlCodec.encodePathSegment(v));
                }
                checkRoundTrip(r, asRouted.toString(), params);
            }
        }
        return b.toString();
    }

    /** The URL must route back to the same values: "{a}.{b}" with a=x, b=y.z would come back as a=x.y, b=z. */
    private void checkRoundTrip(Regex r, String segment, Map<String, String> params) {
        List<String> back = new ArrayList<>();
        boolean same = r.match(segment, back);
        for (int k = 0; same && k < back.size(); k += 2) {
            same = back.get(k + 1).equals(params.get(back.get(k)));
        }
        if (!same) {
            throw new IllegalArgumentException("the values " + params + " do not match route '" + source + "': the"
                    + " URL would not route back to them");
        }
    }

    private static String required(Map<String, String> params, @Nullable String name) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("a value for {" + name + "} is required");
        }
        return v;
    }

    private static List<String> namesOf(Segment seg) {
        if (seg instanceof Placeholder p) {
            return List.of(p.name());
        }
        if (seg instanceof Regex r) {
            List<String> out = new ArrayList<>();
            for (Piece p : r.pieces()) {
                if (p.name() != null) {
                    out.add(p.name());
                }
            }
            return out;
        }
        return List.of();
    }

    /** Splits on '/' outside braces (a regex may contain '/'). */
    private static List<String> splitSegments(String path) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 1;
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth < 0) {
                    throw new IllegalArgumentException("route path '" + path + "' has an unmatched '}'");
                }
            } else if (c == '/' && depth == 0) {
                out.add(path.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("route path '" + path + "' has an unclosed '{'");
        }
        out.add(path.substring(start));
        return out;
    }

    private static Segment parseSegment(String path, String s) {
        if (s.indexOf('{') < 0) {
            if (s.indexOf('}') >= 0) {
                throw new IllegalArgumentException("route path '" + path + "' has an unmatched '}'");
            }
            return new Literal(s);
        }
        List<Piece> pieces = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf('{', i);
            if (open < 0) {
                pieces.add(new Piece(s.substring(i), null, null));
                break;
            }
            if (open > i) {
                pieces.add(new Piece(s.substring(i, open), null, null));
            }
            int close = matchingBrace(path, s, open);
            String inner = s.substring(open + 1, close);
            int colon = inner.indexOf(':');
            String name = colon < 0 ? inner : inner.substring(0, colon);
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("route path '" + path + "': placeholder name '" + name
                        + "' must be an identifier (letters, digits, '_'), as in {id} or {tail:.+}");
            }
            Pattern own = null;
            if (colon >= 0) {
                String regex = inner.substring(colon + 1);
                if (regex.isEmpty()) {
                    throw new IllegalArgumentException("route path '" + path + "': {" + name + ":} has an empty"
                            + " regex; write {" + name + "} for one segment");
                }
                try {
                    own = Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("route path '" + path + "': the regex of {" + name
                            + "} does not compile: " + e.getDescription(), e);
                }
            }
            pieces.add(new Piece(null, name, own));
            i = close + 1;
        }
        if (pieces.size() == 1 && pieces.get(0).own() == null && pieces.get(0).name() != null) {
            return new Placeholder(pieces.get(0).name());
        }
        StringBuilder regex = new StringBuilder();
        boolean spanning = false;
        int g = 0;
        for (Piece p : pieces) {
            if (p.text() != null) {
                regex.append(Pattern.quote(UrlCodec.quoteSafe(p.text(), false))); // as the router sees the path
            } else if (p.own() == null) {
                regex.append("(?<g").append(g++).append(">[^/]+)");
            } else {
                regex.append("(?<g").append(g++).append(">").append(p.own().pattern()).append(')');
                spanning |= maySpanSlash(p.own().pattern());
            }
        }
        return new Regex(Pattern.compile(regex.toString()), List.copyOf(pieces), spanning);
    }

    private static int matchingBrace(String path, String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("route path '" + path + "' has an unclosed '{'");
    }

    /**
     * Whether a regex might match '/': conservative (a false "yes" only costs a wider search). Plain classes such as
     * {@code \d+}, {@code [a-z]+} or {@code \w+} cannot.
     */
    static boolean maySpanSlash(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char n = regex.charAt(++i);
                if ("SWDpPxu0".indexOf(n) >= 0) {
                    return true;
                }
            } else if (c == '.' || c == '/') {
                return true;
            } else if (c == '[') {
                int close = regex.indexOf(']', i + 2);
                if (close < 0 || classMayHoldSlash(regex.substring(i + 1, close))) {
                    return true;
                }
                i = close;
            }
        }
        return false;
    }

    private static boolean classMayHoldSlash(String cls) {
        if (cls.startsWith("^") || cls.indexOf('/') >= 0 || cls.indexOf('\\') >= 0 || cls.indexOf('[') >= 0) {
            return true;
        }
        for (int i = 1; i + 1 < cls.length(); i++) {
            if (cls.charAt(i) == '-' && cls.charAt(i - 1) <= '/' && cls.charAt(i + 1) >= '/') {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return source;
    }
}
