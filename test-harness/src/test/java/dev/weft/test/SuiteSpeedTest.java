package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.client.ClientResponse;
import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How fast the harness runs trivial tests: {@value #TESTS} tests per transport, each with a fresh loop, application,
 * server and client and one round trip; first in a cold JVM, then after {@value #WARM_UP_TESTS} unmeasured tests per
 * transport, as in a long suite. Not run by default (benchmarks are not tests, and nothing here asserts a
 * time); run it with {@code mvn -pl test-harness -am verify -Dtest=SuiteSpeedTest -Dweft.speed=true
 * -Dsurefire.failIfNoSpecifiedTests=false} and read the lines it prints.
 */
@Tag("speed")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
@EnabledIfSystemProperty(named = "weft.speed", matches = "true")
class SuiteSpeedTest {
    static final int TESTS = 200;
    /** Tests run first, unmeasured, so that the measured ones run compiled code as a long suite does. */
    static final int WARM_UP_TESTS = 1000;

    static Application app() {
        Application app = Application.create();
        app.routes().get("/", r -> Response.text("ok"));
        return app;
    }

    static void roundTrip(TestClients clients) {
        try (ClientResponse res = clients.create(app()).get("/").join()) {
            assertThat(res.text().toCompletableFuture().join()).isEqualTo("ok");
        }
    }

    /**
     * Times the tests of one nested class, from its first test to its last, and the first test alone (in a cold
     * JVM it pays for loading the classes every later test uses).
     */
    abstract static class Timed {
        private long started;
        private long firstEnded;

        @BeforeAll
        void start() {
            started = System.nanoTime();
        }

        @AfterEach
        void firstEnds() {
            if (firstEnded == 0) {
                firstEnded = System.nanoTime();
            }
        }

        @AfterAll
        void report() {
            long now = System.nanoTime();
            long micros = TimeUnit.NANOSECONDS.toMicros(now - started);
            long firstMicros = TimeUnit.NANOSECONDS.toMicros(firstEnded - started);
            System.out.printf("weft speed: %d trivial tests over %s took %d ms, %.2f ms a test (the first %.1f ms,"
                            + " the other %d %.2f ms a test)%n", TESTS, getClass().getSimpleName(), micros / 1000,
                    micros / 1000.0 / TESTS, firstMicros / 1000.0, TESTS - 1,
                    (micros - firstMicros) / 1000.0 / (TESTS - 1));
        }
    }

    @Nested
    @Order(1)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @WeftTest(transport = TestTransport.TCP)
    class ColdLoopback extends Timed {
        @RepeatedTest(TESTS)
        void round_trip(TestClients clients) {
            roundTrip(clients);
        }
    }

    @Nested
    @Order(2)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @WeftTest(transport = TestTransport.MEMORY)
    class ColdInMemory extends Timed {
        @RepeatedTest(TESTS)
        void round_trip(TestClients clients) {
            roundTrip(clients);
        }
    }

    @Nested
    @Order(3)
    class WarmUp {
        @RepeatedTest(WARM_UP_TESTS)
        @WeftTest(transport = TestTransport.TCP)
        void over_tcp(TestClients clients) {
            roundTrip(clients);
        }

        @RepeatedTest(WARM_UP_TESTS)
        @WeftTest(transport = TestTransport.MEMORY)
        void in_memory(TestClients clients) {
            roundTrip(clients);
        }
    }

    @Nested
    @Order(4)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @WeftTest(transport = TestTransport.TCP)
    class Loopback extends Timed {
        @RepeatedTest(TESTS)
        void round_trip(TestClients clients) {
            roundTrip(clients);
        }
    }

    @Nested
    @Order(5)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @WeftTest(transport = TestTransport.MEMORY)
    class InMemory extends Timed {
        @RepeatedTest(TESTS)
        void round_trip(TestClients clients) {
            roundTrip(clients);
        }
    }

    /** What a test costs with a loop and nothing on it: JUnit, the extension, a loop thread started and joined. */
    @Nested
    @Order(6)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @WeftTest(transport = TestTransport.TCP)
    class LoopOnly extends Timed {
        @RepeatedTest(TESTS)
        void a_task_on_the_loop(Loop loop) {
            CompletableFuture<Void> ran = new CompletableFuture<>();
            loop.execute(() -> ran.complete(null));
            ran.join();
        }
    }

    /** What a test costs with nothing from Weft: JUnit and surefire alone. */
    @Nested
    @Order(7)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Empty extends Timed {
        @RepeatedTest(TESTS)
        void nothing() {
        }
    }
}
