package dev.weft.test;

import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.Handler;
import dev.weft.web.ServerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts test servers on the test's loop and closes them at the end of the test, as aiohttp's
 * {@code aiohttp_server} and {@code aiohttp_raw_server} fixtures. Resolved as a test parameter by
 * {@link WeftExtension}.
 */
public final class TestServers {
    private final Loop loop;
    private final TestTransport transport;
    private final List<TestServer> started = new java.util.concurrent.CopyOnWriteArrayList<>();

    TestServers(Loop loop, TestTransport transport) {
        this.loop = loop;
        this.transport = transport;
    }

    /** Serves {@code app} over the test's transport with {@link TestServer#testConfig()}. */
    public TestServer start(Application app) {
        return start(app, TestServer.testConfig());
    }

    /** Serves {@code app} with {@code config}. */
    public TestServer start(Application app, ServerConfig config) {
        return remember(TestServer.start(app, loop, config, transport));
    }

    /** Serves a bare handler for any request, over the test's transport. */
    public TestServer raw(Handler handler) {
        return remember(RawTestServer.start(handler, loop, transport));
    }

    List<TestServer> started() {
        return List.copyOf(started);
    }

    private TestServer remember(TestServer server) {
        started.add(server);
        return server;
    }

    /** Closes every server, the last started first; returns the failures. */
    List<Throwable> closeAll() {
        List<Throwable> errors = new ArrayList<>();
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        started.clear();
        return errors;
    }
}
