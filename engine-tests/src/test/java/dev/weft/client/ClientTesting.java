package dev.weft.client;

import dev.weft.test.TestServer;

/**
 * URLs of a harness server in the form a {@link ClientSession} takes (waiting for stages is
 * {@link dev.weft.test.Await}).
 */
final class ClientTesting {
    private ClientTesting() {
    }

    /** {@code http://127.0.0.1:port} + path on {@code server}. */
    static String url(TestServer server, String path) {
        return server.makeUrl(path).toString();
    }

    /** {@code http://localhost:port} + path: a host name, so cookies are kept by a default jar. */
    static String localhost(TestServer server, String path) {
        return "http://localhost:" + server.port() + path;
    }
}
