package dev.weft.bench;

import dev.weft.http.ws.WsMessage;
import dev.weft.loop.Loop;
import dev.weft.web.AccessLog;
import dev.weft.web.AppRunner;
import dev.weft.web.Application;
import dev.weft.web.BoundSite;
import dev.weft.web.Reply;
import dev.weft.web.ServerConfig;
import dev.weft.web.Site;
import dev.weft.web.ws.WebSocketResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How much heap an idle WebSocket costs the server: one Weft server holds N concurrent idle WebSockets (default
 * 10,000) opened on loopback by a client in a <em>separate</em> JVM (so that the client's sockets are not counted),
 * each running the echo handler of the docs and waiting in {@code receive}. The server's heap in use is read through
 * {@link MemoryMXBean} after forced GCs before the clients connect and after they all have, and the difference is
 * divided by N. Not a test: nothing asserts; it prints the numbers.
 *
 * <p>Run from the repository root (the server and the client each need N + a few file descriptors):
 * <pre>
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * ulimit -n 65536   # as far as the hard limit allows
 * java -XX:+UseSerialGC -Xmx512m -cp benchmarks/target/benchmarks.jar dev.weft.bench.IdleWebSocketsBench 10000
 * </pre>
 * Add {@code -Dweft.bench.histogram=true} to print what the sockets are made of: the classes whose live instances
 * grew while they were open (the heap's class histogram after the sockets opened minus the one before), with their
 * instances and bytes per socket, largest first; {@code -Dweft.bench.histogram.lines=N} for more than 40 of them.
 * With more sockets than one source address has ephemeral ports (about 28,000 on Linux), the client spreads its
 * connections over 127.0.0.1, 127.0.0.2, … ({@code SOURCES} below).
 */
public final class IdleWebSocketsBench {
    private static final int PER_SOURCE = 20_000;
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private IdleWebSocketsBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("client")) {
            client(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        server(count);
    }

    // ---- the server side, measured

    private static void server(int count) throws Exception {
        AtomicInteger open = new AtomicInteger();
        Application app = Application.create();
        app.routes().get("/echo", req -> {
            var ws = new WebSocketResponse();
            return Reply.async(ws.prepare(req)
                    .thenCompose(v -> {
                        open.incrementAndGet();
                        return ws.forEach(msg -> ws.sendText(WsMessage.text(msg)));
                    })
                    .thenApply(v -> ws));
        });
        Loop loop = Loop.create(1);
        AppRunner runner = AppRunner.create(app, ServerConfig.create(c -> c.accessLog(AccessLog.off())), loop);
        BoundSite site = runner.start(Site.tcp("0.0.0.0", 0)).toCompletableFuture().join();

        // Warm up: one client JVM with a few sockets loads every class on the path, then goes.
        runClient(site.port(), 10, open, 10, false);
        boolean histogram = Boolean.getBoolean("weft.bench.histogram");
        Map<String, long[]> classesBefore = histogram ? classHistogram() : Map.of();
        long before = usedAfterGc();

        Process client = runClient(site.port(), count, open, count + 10, true);
        long after = usedAfterGc();
        long perSocket = (after - before) / count;
        System.out.printf("idle WebSockets: %,d%n", count);
        System.out.printf("heap used after GC: before %,d bytes, after %,d bytes%n", before, after);
        System.out.printf("heap per idle WebSocket: %,d bytes (%.2f KiB)%n", perSocket, perSocket / 1024.0);
        if (histogram) {
            printGrowth(classesBefore, classHistogram(), count);
        }
        client.getOutputStream().close(); // the client exits and its sockets close
        client.waitFor(60, TimeUnit.SECONDS);
        runner.close();
        loop.close();
    }

    /** Starts a client JVM opening {@code count} sockets and waits until the server holds {@code expected}. */
    private static Process runClient(int port, int count, AtomicInteger open, int expected, boolean keep)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                IdleWebSocketsBench.class.getName(), "client", String.valueOf(port), String.valueOf(count))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            throw new IllegalStateException("the client failed: " + line);
        }
        waitFor(() -> open.get() >= expected, 60);
        if (!keep) {
            p.getOutputStream().close();
            p.waitFor(60, TimeUnit.SECONDS);
        }
        return p;
    }

    private interface Condition {
        boolean met();
    }

    private static void waitFor(Condition c, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.met() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        if (!c.met()) {
            throw new IllegalStateException("not reached within " + seconds + " s");
        }
    }

    /** The live heap's class histogram (it runs a full GC first): class name to {instances, bytes}. */
    private static Map<String, long[]> classHistogram() throws Exception {
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> classes = new HashMap<>();
        for (String line : text.toString().split("\n")) {
            // "   1:         35001        2240064  io.netty.channel.DefaultChannelHandlerContext"
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return classes;
    }

    /** Prints the classes that grew from {@code before} to {@code after}, per socket, largest first. */
    private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after, int count) {
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            long[] d = {e.getValue()[0] - b[0], e.getValue()[1] - b[1]};
            if (d[1] > 0) {
                grown.add(Map.entry(e.getKey(), d));
                total += d[1];
            }
        }
        grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        System.out.printf("live objects added per socket: %,d bytes, by class:%n", total / count);
        System.out.println("  per socket: instances   bytes  class");
        grown.stream().limit(Integer.getInteger("weft.bench.histogram.lines", 40)).forEach(e ->
                System.out.printf("  %20.2f %7.1f  %s%n", (double) e.getValue()[0] / count,
                        (double) e.getValue()[1] / count, e.getKey()));
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    // ---- the client side (its own JVM): raw sockets, a handshake each, then idle

    private static void client(int port, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>(count);
        byte[] handshake = ("GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + i / PER_SOURCE)}),
                    0));
            s.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream o = s.getOutputStream();
            o.write(handshake);
            o.flush();
            readHead(s.getInputStream());
            sockets.add(s);
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the sockets until the server closes our stdin
        }
        for (Socket s : sockets) {
            s.close();
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int state = 0;
        StringBuilder head = new StringBuilder();
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.append((char) c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1
                    : 0;
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("no 101: " + head);
        }
    }
}
