package dev.weft.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class as a Weft test: its test methods (and {@code @BeforeEach} methods) may take a
 * {@code Loop}, {@link TestClients}, {@link TestServers} and an {@link UnusedPort} int as parameters (see
 * {@link WeftExtension}). At the end of each test everything it started is closed, and the test fails if it leaked
 * a response, a request, a handler still running or a WebSocket.
 *
 * <p>{@link #transport()} picks loopback TCP (the default) or the in-memory transport for the class; on a test
 * method, {@code @WeftTest(transport = ...)} overrides it for that test.
 *
 * <p>A test that also takes a {@link dev.weft.loop.ManualClock} parameter (or whose {@code @BeforeEach} does) runs on
 * a loop on that clock: its timers, the servers' and clients' timeouts included, fire only when the test advances the
 * clock, so a timeout test waits for nothing.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(WeftExtension.class)
public @interface WeftTest {
    /** How clients reach servers in these tests; {@link TestTransport#TCP} by default. */
    TestTransport transport() default TestTransport.TCP;
}
