package dev.weft.internal.server;

import dev.weft.http.MediaTypes;
import dev.weft.internal.web.FileBody;
import dev.weft.internal.web.ResponseParts;
import dev.weft.web.Response;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@code Response.file}: opens the file and reads its attributes off the loop, decides the answer
 * ({@link FileAnswer}), sends the head, then the bytes: as a {@code sendfile} region on a socket, in parts read off
 * the loop elsewhere (in memory), each part after the previous one was taken (backpressure). Loop thread, but for
 * the file system calls.
 */
final class FileSender {
    private static final Logger LOG = LoggerFactory.getLogger(FileSender.class);
    /** The part read at a time where the bytes cannot go from file to socket directly. */
    static final int PART_BYTES = 64 * 1024;
    private static final DefaultHttpHeadersFactory HEADERS =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    /** The file as opened: the one to send (maybe a precompressed sibling) and its coding. */
    private record Opened(FileChannel channel, Path served, long size, long mtimeNanos, @Nullable String coding) {
    }

    private final Exchange exchange;
    private final ChannelHandlerContext ctx;
    private final ResponseParts parts;
    private final FileBody file;

    private FileSender(Exchange exchange, ChannelHandlerContext ctx, ResponseParts parts, FileBody file) {
        this.exchange = exchange;
        this.ctx = ctx;
        this.parts = parts;
        this.file = file;
    }

    /** Sends {@code response}, whose body is {@code file}, as {@code exchange}'s answer. */
    static void send(Exchange exchange, HttpServer server, ChannelHandlerContext ctx, Response response,
                     FileBody file) {
        FileSender sender = new FileSender(exchange, ctx, dev.weft.internal.web.ResponseAccess.parts(response), file);
        String accept = exchange.head.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
        server.loop().runBlocking(() -> open(file.path(), accept)).whenComplete((opened, error) ->
                ctx.executor().execute(() -> sender.opened(opened, error)));
    }

    private void opened(@Nullable Opened opened, @Nullable Throwable error) {
        if (exchange.gone()) {
            close(opened);
            return;
        }
        if (opened == null) {
            if (error != null) {
                LOG.error("Cannot open {} for {}", file.path(), exchange.request.rawTarget(), error);
                exchange.respondInstead(Response.text("500: Internal Server Error").status(500));
            } else {
                exchange.respondInstead(Response.text("404: Not Found").status(404));
            }
            return;
        }
        HttpHeaders in = exchange.head.headers();
        String etag = FileAnswer.etag(opened.mtimeNanos(), opened.size());
        FileAnswer answer = parts.status() != 200 ? new FileAnswer(parts.status(), 0, opened.size())
                : FileAnswer.decide(new FileAnswer.Conditions(exchange.request.method(),
                        in.get(HttpHeaderNames.IF_MATCH), in.get(HttpHeaderNames.IF_NONE_MATCH),
                        in.get(HttpHeaderNames.IF_MODIFIED_SINCE), in.get(HttpHeaderNames.IF_UNMODIFIED_SINCE),
                        in.get(HttpHeaderNames.RANGE), in.get(HttpHeaderNames.IF_RANGE)),
                        opened.size(), opened.mtimeNanos(), etag);
        HttpHeaders out = HEADERS.newHeaders();
        if (parts.headers() != null) {
            out.add(parts.headers());
        }
        int status = answer.status();
        boolean body = status == 200 || status == 206;
        if (body || status == 304) {
            // Validators go with the representation and with 304 (RFC 9110 §15.4.5), not with 412 or 416 (aiohttp alike).
            out.set(HttpHeaderNames.ETAG, etag);
            out.set(HttpHeaderNames.LAST_MODIFIED,
                    FileAnswer.httpDate(Math.floorDiv(opened.mtimeNanos(), TimeUnit.SECONDS.toNanos(1))));
        }
        if (body || status == 416) {
            out.set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        }
        if (status == 206) {
            out.set(HttpHeaderNames.CONTENT_RANGE, "bytes " + answer.start() + "-"
                    + (answer.start() + answer.count() - 1) + "/" + opened.size());
        } else if (status == 416) {
            out.set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + opened.size());
        }
        if (opened.coding() != null && body) {
            out.set(HttpHeaderNames.CONTENT_ENCODING, opened.coding());
            out.add(HttpHeaderNames.VARY, "Accept-Encoding");
        }
        String type = !body ? null : parts.contentType() != null ? parts.contentType()
                : MediaTypes.forFileName(file.path().getFileName() == null ? "" : file.path().getFileName().toString());
        ResponseParts head = new ResponseParts(status, status == parts.status() ? parts.reason() : null, type, null,
                out, parts.cookies());
        StreamedBody sink;
        try {
            sink = (StreamedBody) exchange.start(head, body ? answer.count() : 0);
        } catch (RuntimeException e) {
            close(opened);
            LOG.debug("file response to {} not started", exchange.request.rawTarget(), e);
            return;
        }
        if (!body || answer.count() == 0 || sink.discards()) {
            close(opened);
            sink.end();
            return;
        }
        if (ctx.channel() instanceof io.netty.channel.socket.SocketChannel) {
            // sendfile: the region owns the file channel from here and closes it when written or dropped.
            sink.writeRegion(new DefaultFileRegion(opened.channel(), answer.start(), answer.count()), answer.count());
            sink.end();
            return;
        }
        sendParts(sink, opened, answer.start(), answer.start() + answer.count());
    }

    /** Reads and writes the file from {@code position} to {@code end}, a part at a time, each read off the loop. */
    private void sendParts(StreamedBody sink, Opened opened, long position, long end) {
        if (position >= end) {
            close(opened);
            sink.end();
            return;
        }
        int want = (int) Math.min(PART_BYTES, end - position);
        exchange.loop().runBlocking(() -> read(opened.channel(), position, want)).whenComplete((bytes, error) ->
                ctx.executor().execute(() -> {
                    if (error != null || bytes == null || exchange.gone()) {
                        if (error != null) {
                            LOG.warn("Reading {} failed after its response began; closing the connection",
                                    opened.served(), error);
                        }
                        close(opened);
                        sink.abort();
                        return;
                    }
                    sink.write(bytes, 0, bytes.length).whenComplete((v, e) -> {
                        if (e != null) {
                            close(opened);
                            return;
                        }
                        sendParts(sink, opened, position + bytes.length, end);
                    });
                }));
    }

    /** {@code want} bytes at {@code position}, or fewer if the file shrank (then the response cannot be whole). */
    private static byte[] read(FileChannel channel, long position, int want) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(want);
        long at = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) {
                throw new IOException("the file ended early: it changed while it was sent");
            }
            at += n;
        }
        return buf.array();
    }

    /**
     * Opens the file to send: a precompressed sibling the client accepts ({@code .br}, then {@code .gz}) if there is
     * one, else the file itself; null if it is not a regular file that can be read. Off the loop.
     */
    private static @Nullable Opened open(Path path, @Nullable String acceptEncoding) throws IOException {
        if (acceptEncoding != null) {
            for (String coding : new String[] {"br", "gzip"}) {
                if (accepts(acceptEncoding, coding)) {
                    Opened o = tryOpen(path.resolveSibling(path.getFileName() + (coding.equals("br") ? ".br" : ".gz")),
                            coding);
                    if (o != null) {
                        return o;
                    }
                }
            }
        }
        return tryOpen(path, null);
    }

    private static @Nullable Opened tryOpen(Path path, @Nullable String coding) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
            return null;
        }
        if (!attributes.isRegularFile()) {
            return null;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
            return null;
        }
        try {
            return new Opened(channel, path, channel.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    coding);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether {@code Accept-Encoding} accepts {@code coding} (listed, or {@code *}, with a q-value above 0). */
    static boolean accepts(String acceptEncoding, String coding) {
        boolean star = false;
        for (String item : acceptEncoding.split(",")) {
            String[] params = item.split(";");
            String name = params[0].trim().toLowerCase(Locale.ROOT);
            boolean refused = false;
            for (int i = 1; i < params.length; i++) {
                String p = params[i].trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(p.substring(2)) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            if (name.equals(coding)) {
                return !refused;
            }
            if (name.equals("*")) {
                star = !refused;
            }
        }
        return star;
    }

    private static void close(@Nullable Opened opened) {
        if (opened != null) {
            try {
                opened.channel().close();
            } catch (IOException e) {
                LOG.debug("closing {}", opened.served(), e);
            }
        }
    }
}
