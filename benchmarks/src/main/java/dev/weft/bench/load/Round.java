package dev.weft.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One round of a load generator: a warm-up, then the measured period, then one line on standard output,
 * {@code WRKJSON {...}}, in the shape {@code load/wrk.lua} prints (so {@code benchmarks/run} and
 * {@code load/report.py} read both alike): completed exchanges ({@code requests}: messages for the WebSocket load),
 * seconds, per second, round-trip latency percentiles in microseconds, and errors; plus the CPU time the server
 * process ({@code --server-pid}) and this process used in the measured period.
 *
 * <p>Latencies go to an HdrHistogram {@link Recorder}: any thread may record, without locks, and the warm-up's values
 * are dropped by taking an interval at the start of the measured period. Only exchanges completed within the
 * measured period count. Plain JDK and HdrHistogram, so that the Vert.x client compiles it too.
 */
public final class Round {
    private static final int DIGITS = 3;

    private final Recorder latencies = new Recorder(DIGITS);
    private final AtomicLong connect = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong write = new AtomicLong();
    private final AtomicLong status = new AtomicLong();
    private final AtomicLong timeout = new AtomicLong();
    private final long serverPid;
    private final int clockTicks;
    private volatile boolean over;

    /** A round whose server CPU time is read from {@code /proc/serverPid/stat} ({@code serverPid} ≤ 0: not read). */
    public Round(long serverPid, int clockTicks) {
        this.serverPid = serverPid;
        this.clockTicks = clockTicks;
    }

    /** A round for the options {@code --server-pid} and {@code --clk-tck} (the script passes {@code getconf CLK_TCK}). */
    public static Round of(Args args) {
        return new Round(args.number("server-pid", -1), args.number("clk-tck", 100));
    }

    /** Records one exchange that started at {@code startNanos} ({@link System#nanoTime}) and has just completed. */
    public void completed(long startNanos) {
        latencies.recordValue(Math.max(0, (System.nanoTime() - startNanos) / 1000));
    }

    /** Counts a connection that could not be opened (or whose handshake failed). */
    public void connectError() {
        connect.incrementAndGet();
    }

    /** Counts a connection that failed or closed while in use. */
    public void readError() {
        read.incrementAndGet();
    }

    /** Counts a request that could not be written. */
    public void writeError() {
        write.incrementAndGet();
    }

    /** Counts an answer that was not the expected one (status, or echoed bytes). */
    public void statusError() {
        status.incrementAndGet();
    }

    /** Counts an exchange that timed out. */
    public void timeoutError() {
        timeout.incrementAndGet();
    }

    /** Whether the measured period is over: the load stops (no new exchanges). */
    public boolean over() {
        return over;
    }

    /**
     * Waits {@code warmupSeconds}, measures for {@code seconds}, marks the round {@link #over}, and prints its line.
     * The load runs meanwhile on other threads.
     */
    public void measure(int warmupSeconds, int seconds) throws InterruptedException {
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
        latencies.getIntervalHistogram(); // the warm-up's exchanges are dropped
        long cpu0 = serverTicks();
        long own0 = ownCpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        Histogram h = latencies.getIntervalHistogram();
        long t1 = System.nanoTime();
        long cpu1 = serverTicks();
        long own1 = ownCpuNanos();
        over = true;
        double secs = (t1 - t0) / 1e9;
        long n = h.getTotalCount();
        System.out.println(String.format(Locale.ROOT,
                "WRKJSON {\"requests\": %d, \"seconds\": %.3f, \"rps\": %.1f, \"p50_us\": %d, \"p90_us\": %d, "
                        + "\"p99_us\": %d, \"max_us\": %d, \"errors\": {\"connect\": %d, \"read\": %d, \"write\": %d, "
                        + "\"status\": %d, \"timeout\": %d}, \"server_cpu_s\": %s, \"client_cpu_s\": %.3f}",
                n, secs, n / secs, h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getMaxValue(), connect.get(), read.get(), write.get(), status.get(),
                timeout.get(), cpu0 < 0 || cpu1 < 0 ? "null" : String.format(Locale.ROOT, "%.3f",
                        (cpu1 - cpu0) / (double) clockTicks), (own1 - own0) / 1e9));
        System.out.flush();
    }

    /** User + system CPU ticks of the server process so far (all its threads), or -1. */
    private long serverTicks() {
        if (serverPid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime and stime, fields 14 and 15
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
