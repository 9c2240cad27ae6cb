package dev.weft.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@code int} test parameter of a {@link WeftTest}: a loopback TCP port that was free when the test started,
 * as aiohttp's {@code unused_port} fixture. Another process may take it meanwhile; prefer port 0 where you can.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface UnusedPort {
}
