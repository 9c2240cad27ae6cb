package dev.weft.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.loop.ManualClock;
import dev.weft.web.AccessLog;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessLoggerTest {
    private final ManualClock clock = ManualClock.startingAt(Instant.parse("2026-03-04T05:06:07Z"));

    private AccessLogger.Entry entry() {
        HttpHeaders req = new DefaultHttpHeaders().add("User-Agent", "curl/8").add("Referer", "http://a/");
        HttpHeaders res = new DefaultHttpHeaders().add("Content-Type", "text/plain");
        return new AccessLogger.Entry("10.0.0.7", clock.millis(), clock.nanoTime(), "GET /x?y=1 HTTP/1.1", 404, 17, req, res);
    }

    @Test
    void the_default_format_is_aiohttps() {
        String line = new AccessLogger(AccessLog.defaults(), clock).format(entry());
        assertThat(line).matches("10\\.0\\.0\\.7 \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}] "
                + "\"GET /x\\?y=1 HTTP/1\\.1\" 404 17 \"http://a/\" \"curl/8\"");
    }

    @Test
    void a_custom_format_reads_request_and_response_headers_and_missing_ones_are_a_dash() {
        String line = new AccessLogger(AccessLog.format("%s %{Content-Type}o %{X-Nope}i 100%%"), clock).format(entry());
        assertThat(line).isEqualTo("404 text/plain - 100%");
    }

    @Test
    void times_and_durations_are_read_on_the_loops_clock() {
        AccessLogger.Entry e = entry();
        clock.advance(Duration.ofMillis(1500));
        String line = new AccessLogger(AccessLog.format("%t %D %Tf %T"), clock).format(e);
        assertThat(line).matches("\\[04/Mar/2026:\\d{2}:06:07 [+-]\\d{4}] 1500000 1\\.500000 1");
    }

    @Test
    void an_unknown_atom_is_refused_when_the_server_is_configured() {
        assertThatThrownBy(() -> new AccessLogger(AccessLog.format("%q"), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown atom %q");
    }

    @Test
    void a_switched_off_log_is_inactive() {
        assertThat(new AccessLogger(AccessLog.off(), clock).active()).isFalse();
    }
}
