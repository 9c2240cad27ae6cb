package dev.weft.test;

import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts applications with a {@link TestClient} on the test's loop and transport, and closes them at the end of the
 * test, as aiohttp's {@code aiohttp_client} fixture. Resolved as a test parameter by {@link WeftExtension}, which
 * also fails the test if a client it made leaked a response (see {@link WeftTest}).
 *
 * <pre>{@code
 * @Test
 * void greets(TestClients clients) {
 *     TestClient client = clients.create(GreetingApp.app());
 *     ...
 * }
 * }</pre>
 *
 * Call from the test's thread: {@link #create} waits for the server to start.
 */
public final class TestClients {
    private final Loop loop;
    private final TestTransport transport;
    private final List<TestClient> created = new CopyOnWriteArrayList<>();

    TestClients(Loop loop, TestTransport transport) {
        this.loop = loop;
        this.transport = transport;
    }

    /** Serves {@code app} with {@link TestServer#testConfig()} and returns a started client of it. */
    public TestClient create(Application app) {
        return create(app, TestServer.testConfig());
    }

    /** Serves {@code app} with {@code config} and returns a started client of it. */
    public TestClient create(Application app, ServerConfig config) {
        TestServer server = TestServer.start(app, loop, config, transport);
        try {
            return remember(TestClient.create(server, loop));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A client of a server the test started (with {@link TestServers}, say); closing it closes the server too. */
    public TestClient create(TestServer server) {
        return remember(TestClient.create(server, loop));
    }

    /** The transport clients use. */
    public TestTransport transport() {
        return transport;
    }

    private TestClient remember(TestClient client) {
        created.add(client);
        return client;
    }

    List<TestClient> created() {
        return List.copyOf(created);
    }

    /** Closes every client (and its server), the last made first; returns the failures. */
    List<Throwable> closeAll() {
        List<Throwable> errors = new ArrayList<>();
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                created.get(i).close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        created.clear();
        return errors;
    }
}
