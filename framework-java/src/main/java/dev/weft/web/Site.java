package dev.weft.web;

import java.nio.file.Path;

/**
 * Where a server listens: a TCP host and port (0 for any free port), a Unix-domain socket file, or an in-memory
 * address inside this JVM (for tests).
 */
public sealed interface Site permits Site.Tcp, Site.Unix, Site.InMemory {

    /** TCP on {@code host} (a name or an address; {@code 0.0.0.0} for all) and {@code port} (0 picks a free one). */
    static Site tcp(String host, int port) {
        return new Tcp(host, port);
    }

    /** A Unix-domain socket at {@code path}; an existing socket file there is replaced. */
    static Site unix(Path path) {
        return new Unix(path);
    }

    /**
     * An in-memory address named {@code name}, reachable only from this JVM (Netty's local channels), with the same
     * HTTP semantics as TCP and no socket. The runner's loop must be one made for it
     * ({@link dev.weft.loop.Loop.Builder#inMemory(boolean) Loop.create(b -> b.inMemory(true))}, as the test harness's
     * in-memory transport makes); a TCP loop fails the bind. Its URL is {@code http://<name>}; a client session
     * reaches it through a connector built with {@code TcpConnector.Builder.inMemorySite(name)}.
     */
    static Site inMemory(String name) {
        return new InMemory(name);
    }

    /** A TCP site. */
    record Tcp(String host, int port) implements Site {
        public Tcp {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0–65535, got " + port);
            }
        }
    }

    /** A Unix-domain socket site. */
    record Unix(Path path) implements Site {
    }

    /** An in-memory site (see {@link #inMemory}). */
    record InMemory(String name) implements Site {
        public InMemory {
            if (name.isEmpty() || !name.matches("[A-Za-z0-9.-]+")) {
                throw new IllegalArgumentException("an in-memory site's name is a host name (letters, digits, '.',"
                        + " '-'), got '" + name + "'");
            }
        }
    }
}
