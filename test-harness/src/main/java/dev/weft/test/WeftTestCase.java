package dev.weft.test;

import dev.weft.loop.Loop;
import dev.weft.web.Application;
import org.junit.jupiter.api.BeforeEach;

/**
 * A base class for tests of one application, as aiohttp's {@code AioHTTPTestCase}: override
 * {@link #createApplication()}, and each test finds {@link #client} started on a fresh server and {@link #loop}.
 *
 * <pre>{@code
 * class GreetingAppTest extends WeftTestCase {
 *     @Override
 *     protected Application createApplication() {
 *         return GreetingApp.app();
 *     }
 *
 *     @Test
 *     void greets_by_name() {
 *         ClientResponse res = client.get("/hello/ada").join();
 *         assertThat(res.text().toCompletableFuture().join()).isEqualTo("hello, ada");
 *     }
 * }
 * }</pre>
 *
 * <p>It is a {@link WeftTest}: annotate the subclass with {@code @WeftTest(transport = TestTransport.MEMORY)} to
 * run it in memory, and the end of each test closes the client, server and loop and fails on leaks.
 * {@link #createApplication()} runs on the test's thread with the test's loop as the implicit loop
 * ({@link Loop#current()}), so services it builds run on that loop.
 */
@WeftTest
public abstract class WeftTestCase {
    /** The client of this test's server; set before each test. */
    protected TestClient client;
    /** This test's loop, which the server and client run on; set before each test. */
    protected Loop loop;

    /** Makes the application under test, once per test. */
    protected abstract Application createApplication() throws Exception;

    /** Makes the application on the test's loop and starts {@link #client}; runs before each test. */
    @BeforeEach
    protected final void startWeftTestClient(TestClients clients, Loop testLoop) throws Exception {
        this.loop = testLoop;
        Application app = TestLoops.withImplicitLoop(testLoop, this::createApplication);
        this.client = clients.create(app);
    }
}
