package dev.weft.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code multipart/form-data} request body (RFC 7578): text fields and files, in order. Given to
 * {@link RequestOptions#multipart(MultipartForm)}.
 *
 * <pre>{@code
 * session.post("/upload", r -> r.multipart(MultipartForm.create()
 *         .field("title", "Holiday")
 *         .file("photo", "beach.jpg", bytes, "image/jpeg")));
 * }</pre>
 *
 * <p>Field names, file names and content types are checked when added: CR, LF, NUL or another control character,
 * or a double quote in a name, throws {@link IllegalArgumentException}, so a part cannot inject headers or parts.
 * Not thread-safe; build it on one thread, then send it (it may be sent more than once).
 */
public final class MultipartForm {
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Part(String name, @Nullable String fileName, String contentType, byte[] content) {
    }

    private final List<Part> parts = new ArrayList<>();
    private final String boundary;

    private MultipartForm() {
        StringBuilder b = new StringBuilder("WeftBoundary");
        for (int i = 0; i < 24; i++) {
            b.append("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".charAt(RANDOM.nextInt(62)));
        }
        this.boundary = b.toString();
    }

    /** An empty form with a random boundary. */
    public static MultipartForm create() {
        return new MultipartForm();
    }

    /** Adds a text field, UTF-8. */
    public MultipartForm field(String name, String value) {
        parts.add(new Part(check("field name", name), null, "text/plain; charset=utf-8",
                value.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** Adds a file part with its file name and content type. */
    public MultipartForm file(String name, String fileName, byte[] content, String contentType) {
        parts.add(new Part(check("field name", name), check("file name", fileName), check("content type",
                contentType), content.clone()));
        return this;
    }

    /** The boundary between parts. */
    public String boundary() {
        return boundary;
    }

    /** The {@code Content-Type} header value, with the boundary. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The encoded body. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(p.name).append('"');
            if (p.fileName != null) {
                head.append("; filename=\"").append(p.fileName).append('"');
            }
            head.append("\r\n");
            if (p.fileName != null) {
                head.append("Content-Type: ").append(p.contentType).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String check(String what, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' && !what.equals("content type")) {
                throw new IllegalArgumentException("multipart " + what + " \"" + s.replaceAll("\\p{Cntrl}", "?")
                        + "\" contains a control character or a double quote");
            }
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("multipart " + what + " must not be empty");
        }
        return s;
    }
}
