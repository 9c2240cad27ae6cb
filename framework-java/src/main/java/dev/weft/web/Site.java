package dev.weft.web;

import java.nio.file.Path;

/** Where a server listens: a TCP host and port (0 for any free port), or a Unix-domain socket file. */
public sealed interface Site permits Site.Tcp, Site.Unix {

    /** TCP on {@code host} (a name or an address; {@code 0.0.0.0} for all) and {@code port} (0 picks a free one). */
    static Site tcp(String host, int port) {
        return new Tcp(host, port);
    }

    /** A Unix-domain socket at {@code path}; an existing socket file there is replaced. */
    static Site unix(Path path) {
        return new Unix(path);
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
}
