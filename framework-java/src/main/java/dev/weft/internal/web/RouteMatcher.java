package dev.weft.internal.web;

import dev.weft.http.UrlCodec;
import dev.weft.internal.web.PathTemplate.Literal;
import dev.weft.internal.web.PathTemplate.Placeholder;
import dev.weft.internal.web.PathTemplate.Regex;
import dev.weft.internal.web.PathTemplate.Segment;
import dev.weft.web.RouteTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Finds the route for a method and a decoded path without trying every route.
 *
 * <p>Fully static paths are one hash lookup, answered with a pre-built result (no allocation). Other paths walk a
 * segment tree: at each node static children first, then one-segment placeholders, then patterns (which may span
 * segments), in registration order, backtracking when a branch fails. Cost grows with the path's depth, not with the
 * number of routes. A path that exists only for other methods yields {@link RouteMatch.MethodNotAllowed} with every
 * method of every resource the path matched. {@code HEAD} falls back to {@code GET}; {@code *} routes take any method
 * that has no route of its own.
 */
public final class RouteMatcher {
    private final Map<String, Resource> staticPaths = new HashMap<>();
    private final Node root = new Node();

    public RouteMatcher(List<CompiledRoute> routes) {
        for (CompiledRoute r : routes) {
            Resource res = insert(r.template());
            res.add(r);
            if (r.template().isStatic()) {
                staticPaths.put(routedForm(r.template()), res);
            }
        }
    }

    /** A static template as the router sees paths: see {@link UrlCodec#decodePathSafe}. */
    private static String routedForm(PathTemplate t) {
        StringBuilder b = new StringBuilder();
        for (Segment s : t.segments()) {
            b.append('/').append(UrlCodec.quoteSafe(((Literal) s).text(), false));
        }
        return b.toString();
    }

    /**
     * Looks up {@code method} and {@code path}: decoded, starting with '/', but with {@code %2F} and {@code %25} kept
     * as they were sent ({@link UrlCodec#decodePathSafe}), so an encoded slash stays inside its segment; matched
     * values are fully decoded.
     */
    public RouteMatch lookup(String method, String path) {
        Resource res = staticPaths.get(path);
        if (res != null) {
            RouteMatch.Found found = res.found(method);
            if (found != null) {
                return found;
            }
        }
        String[] segs = split(path);
        Search search = new Search(method, segs);
        RouteMatch.Found found = search.walk(root, 0);
        if (found != null) {
            return found;
        }
        if (search.allowed != null) {
            return new RouteMatch.MethodNotAllowed(search.allowed);
        }
        return RouteMatch.NotFound.INSTANCE;
    }

    private Resource insert(PathTemplate t) {
        Node n = root;
        for (Segment s : t.segments()) {
            n = n.child(s);
        }
        if (n.resource == null) {
            n.resource = new Resource();
        }
        return n.resource;
    }

    private static String[] split(String path) {
        // "/" gives [""], "/a/b" gives ["a", "b"], "/a/" gives ["a", ""].
        int count = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                count++;
            }
        }
        String[] out = new String[count];
        int start = 1;
        int k = 0;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                out[k++] = path.substring(start, i);
                start = i + 1;
            }
        }
        return out;
    }

    /** One lookup: the walk state and the methods seen on paths that matched. */
    private static final class Search {
        final String method;
        final String[] segs;
        /** Names and values of the placeholders matched so far, alternating; {@code size} of them are in use. */
        String[] params = new String[4];
        int size;
        @Nullable Set<String> allowed;

        Search(String method, String[] segs) {
            this.method = method;
            this.segs = segs;
        }

        RouteMatch.@Nullable Found walk(Node node, int i) {
            if (i == segs.length) {
                return node.resource == null ? null : accept(node.resource);
            }
            String seg = segs[i];
            Node literal = node.literals == null ? null : node.literals.get(seg);
            if (literal != null) {
                RouteMatch.Found f = walk(literal, i + 1);
                if (f != null) {
                    return f;
                }
            }
            if (node.placeholderNames.length > 0 && !seg.isEmpty()) {
                String value = UrlCodec.unquoteSafe(seg);
                for (int p = 0; p < node.placeholderNames.length; p++) {
                    int mark = size;
                    add(node.placeholderNames[p]);
                    add(value);
                    RouteMatch.Found f = walk(node.placeholderNodes[p], i + 1);
                    if (f != null) {
                        return f;
                    }
                    size = mark;
                }
            }
            if (node.patterns != null) {
                for (Map.Entry<Regex, Node> e : node.patterns) {
                    Regex r = e.getKey();
                    int last = r.spanning() ? segs.length : i + 1;
                    for (int end = last; end > i; end--) { // longest first, as a greedy regex would
                        String candidate = end == i + 1 ? seg : String.join("/", java.util.Arrays.copyOfRange(segs, i, end));
                        int mark = size;
                        List<String> matched = new ArrayList<>(4);
                        if (r.match(candidate, matched)) {
                            matched.forEach(this::add);
                            RouteMatch.Found f = walk(e.getValue(), end);
                            if (f != null) {
                                return f;
                            }
                        }
                        size = mark;
                    }
                }
            }
            return null;
        }

        RouteMatch.@Nullable Found accept(Resource res) {
            CompiledRoute route = res.route(method);
            if (route == null) {
                if (allowed == null) {
                    allowed = new TreeSet<>();
                }
                allowed.addAll(res.methods());
                return null;
            }
            if (size == 0) {
                return res.found(method);
            }
            if (size == 2) {
                return new RouteMatch.Found(route, Map.of(params[0], params[1]));
            }
            Map<String, String> values = new LinkedHashMap<>(size);
            for (int k = 0; k < size; k += 2) {
                values.put(params[k], params[k + 1]);
            }
            return new RouteMatch.Found(route, values);
        }

        void add(String s) {
            if (size == params.length) {
                params = java.util.Arrays.copyOf(params, size * 2);
            }
            params[size++] = s;
        }
    }

    /** A tree node: the children by kind, and the resource of the templates ending here. */
    private static final class Node {
        @Nullable Map<String, Node> literals;
        /** The placeholder children in the order they were added, by name and node: arrays, for the walk. */
        String[] placeholderNames = new String[0];
        Node[] placeholderNodes = new Node[0];
        @Nullable List<Map.Entry<Regex, Node>> patterns;
        @Nullable Resource resource;

        Node child(Segment s) {
            if (s instanceof Literal l) {
                if (literals == null) {
                    literals = new HashMap<>();
                }
                return literals.computeIfAbsent(UrlCodec.quoteSafe(l.text(), false), k -> new Node());
            }
            if (s instanceof Placeholder p) {
                for (int i = 0; i < placeholderNames.length; i++) {
                    if (placeholderNames[i].equals(p.name())) {
                        return placeholderNodes[i];
                    }
                }
                Node n = new Node();
                placeholderNames = java.util.Arrays.copyOf(placeholderNames, placeholderNames.length + 1);
                placeholderNodes = java.util.Arrays.copyOf(placeholderNodes, placeholderNodes.length + 1);
                placeholderNames[placeholderNames.length - 1] = p.name();
                placeholderNodes[placeholderNodes.length - 1] = n;
                return n;
            }
            Regex r = (Regex) s;
            if (patterns == null) {
                patterns = new ArrayList<>();
            }
            for (Map.Entry<Regex, Node> e : patterns) {
                if (e.getKey().pattern().pattern().equals(r.pattern().pattern()) && e.getKey().pieces().equals(r.pieces())) {
                    return e.getValue();
                }
            }
            Node n = new Node();
            patterns.add(Map.entry(r, n));
            return n;
        }
    }

    /** The routes of one path, by method, with their pre-built results for static paths. */
    private static final class Resource {
        private final Map<String, CompiledRoute> byMethod = new LinkedHashMap<>();
        private final Map<String, RouteMatch.Found> found = new HashMap<>();
        private @Nullable CompiledRoute any;
        private RouteMatch.@Nullable Found anyFound;

        void add(CompiledRoute r) {
            RouteMatch.Found f = new RouteMatch.Found(r, Map.of());
            if (RouteTable.ANY_METHOD.equals(r.method())) {
                any = r;
                anyFound = f;
            } else {
                byMethod.put(r.method(), r);
                found.put(r.method(), f);
            }
        }

        @Nullable CompiledRoute route(String method) {
            CompiledRoute r = byMethod.get(method);
            if (r == null && "HEAD".equals(method)) {
                r = byMethod.get("GET");
            }
            return r != null ? r : any;
        }

        RouteMatch.@Nullable Found found(String method) {
            RouteMatch.Found f = found.get(method);
            if (f == null && "HEAD".equals(method)) {
                f = found.get("GET");
            }
            return f != null ? f : anyFound;
        }

        Set<String> methods() {
            Set<String> m = new TreeSet<>(byMethod.keySet());
            if (m.contains("GET")) {
                m.add("HEAD");
            }
            return m;
        }
    }
}
