package dev.weft.web;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A copy of what is written to {@code System.err} while open, which is where slf4j-simple logs in these tests; the
 * output still reaches the console. A stopgap until the test harness captures logs per test through an SLF4J
 * appender keyed by test. One tee serves every open capture, so captures may overlap (tests running in parallel),
 * but each sees everything logged meanwhile: look for text unique to the test.
 */
final class LogCapture implements AutoCloseable {
    private static final List<LogCapture> OPEN = new CopyOnWriteArrayList<>();
    private static PrintStream original = System.err;

    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private LogCapture() {
    }

    static LogCapture start() {
        LogCapture c = new LogCapture();
        synchronized (LogCapture.class) {
            if (OPEN.isEmpty()) {
                original = System.err;
                System.setErr(new PrintStream(new Tee(original), true, StandardCharsets.UTF_8));
            }
            OPEN.add(c);
        }
        return c;
    }

    /** What was logged so far. */
    String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        synchronized (LogCapture.class) {
            if (OPEN.remove(this) && OPEN.isEmpty()) {
                System.setErr(original);
            }
        }
    }

    private static final class Tee extends OutputStream {
        private final PrintStream out;

        Tee(PrintStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.write(b, off, len);
            for (LogCapture c : OPEN) {
                synchronized (c.copy) {
                    c.copy.write(b, off, len);
                }
            }
        }

        @Override
        public void flush() {
            out.flush();
        }
    }
}
