package dev.weft.internal.client;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a connection goes, and the key of the pool: scheme, host and port of the target, and the proxy in between
 * if any. Two requests share a connection only when their origins are equal.
 */
public record Origin(String scheme, String host, int port, @Nullable ProxyTarget proxy) {

    /** An HTTP proxy: its host and port and, if it wants them, Basic credentials ({@code Proxy-Authorization}). */
    public record ProxyTarget(String host, int port, @Nullable String user, @Nullable String password) {
        public static ProxyTarget parse(String url) {
            URI u = URI.create(url);
            if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("a proxy URL is http://[user:password@]host[:port], got " + url);
            }
            String user = null;
            String password = null;
            String info = u.getUserInfo();
            if (info != null) {
                int colon = info.indexOf(':');
                user = colon < 0 ? info : info.substring(0, colon);
                password = colon < 0 ? "" : info.substring(colon + 1);
            }
            return new ProxyTarget(u.getHost(), u.getPort() < 0 ? 80 : u.getPort(), user, password);
        }

        @Override
        public String toString() {
            return "ProxyTarget[" + host + ":" + port + (user == null ? "]" : ", " + user + ":***]");
        }
    }

    /** The origin of {@code url} (already checked to be http or https with a host). */
    public static Origin of(URI url, @Nullable ProxyTarget proxy) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        boolean https = scheme.equals("https");
        int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
        return new Origin(scheme, hostOf(url), port, proxy);
    }

    /** The host of {@code url}, lower case, IPv6 without brackets. */
    static String hostOf(URI url) {
        String h = url.getHost().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    public boolean secure() {
        return scheme.equals("https");
    }

    /** Whether requests go to the proxy in absolute form (plain http through a proxy, no tunnel). */
    public boolean absoluteForm() {
        return proxy != null && !secure();
    }

    /** {@code host[:port]} as the Host header wants it: the default port left out, IPv6 bracketed. */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        boolean defaultPort = secure() ? port == 443 : port == 80;
        return defaultPort ? h : h + ":" + port;
    }

    /** Origins as RFC 6454 compares them: scheme, host and port (the proxy does not matter). */
    public boolean sameSiteAs(Origin other) {
        return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port;
    }

    @Override
    public String toString() {
        return scheme + "://" + hostHeader() + (proxy == null ? "" : " via " + proxy);
    }
}
