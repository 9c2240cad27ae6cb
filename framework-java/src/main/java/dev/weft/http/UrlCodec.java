package dev.weft.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding and decoding of URL paths, path segments and query strings (RFC 3986), in UTF-8.
 *
 * <p>Decoding is strict: a {@code %} not followed by two hex digits, or bytes that are not UTF-8, throw
 * {@link IllegalArgumentException} (the server answers such a request with 400).
 */
public final class UrlCodec {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlCodec() {
    }

    /** Decodes a path: {@code %XX} escapes; {@code +} stays a plus sign. */
    public static String decodePath(String raw) {
        return raw.indexOf('%') < 0 ? raw : decode(raw, false, false);
    }

    /**
     * Decodes a path for routing, as aiohttp's {@code path_safe}: every escape but {@code %2F} and {@code %25} is
     * decoded, so an encoded slash stays inside its segment ({@code /files/a%2Fb} is two segments). Those two come
     * out upper-case; {@link #unquoteSafe} turns a matched value into its decoded form.
     */
    public static String decodePathSafe(String raw) {
        return raw.indexOf('%') < 0 ? raw : decode(raw, false, true);
    }

    /** Decodes the {@code %2F} and {@code %25} that {@link #decodePathSafe} kept. */
    public static String unquoteSafe(String safe) {
        if (safe.indexOf('%') < 0) {
            return safe;
        }
        StringBuilder b = new StringBuilder(safe.length());
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            if (c == '%' && safe.startsWith("2F", i + 1)) {
                b.append('/');
                i += 2;
            } else if (c == '%' && safe.startsWith("25", i + 1)) {
                b.append('%');
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The form {@link #decodePathSafe} gives to decoded text: {@code %} as {@code %25}, {@code /} as {@code %2F}. */
    public static String quoteSafe(String decoded, boolean keepSlash) {
        if (decoded.indexOf('%') < 0 && (keepSlash || decoded.indexOf('/') < 0)) {
            return decoded;
        }
        String out = decoded.replace("%", "%25");
        return keepSlash ? out : out.replace("/", "%2F");
    }

    /** Decodes a query-string component: {@code %XX} escapes and {@code +} as a space. */
    public static String decodeQueryComponent(String raw) {
        return raw.indexOf('%') < 0 && raw.indexOf('+') < 0 ? raw : decode(raw, true, false);
    }

    /** Parses {@code a=1&b=2&a=3} into a {@link MultiMap}; a name without {@code =} gets the empty value. */
    public static MultiMap parseQuery(String query) {
        return parseQuery(query, Integer.MAX_VALUE);
    }

    /** As {@link #parseQuery(String)}, refusing more than {@code maxFieldCount} fields. */
    public static MultiMap parseQuery(String query, int maxFieldCount) {
        if (query.isEmpty()) {
            return MultiMap.empty();
        }
        MultiMap.Builder b = MultiMap.builder();
        int count = 0;
        int start = 0;
        int len = query.length();
        while (start <= len) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            if (end > start) {
                if (++count > maxFieldCount) {
                    throw new IllegalArgumentException("more than " + maxFieldCount + " fields");
                }
                int eq = query.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    b.add(decodeQueryComponent(query.substring(start, end)), "");
                } else {
                    b.add(decodeQueryComponent(query.substring(start, eq)),
                            decodeQueryComponent(query.substring(eq + 1, end)));
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return b.build();
    }

    /** Encodes one path segment: everything but RFC 3986 unreserved characters and sub-delims is escaped, {@code /} too. */
    public static String encodePathSegment(String s) {
        return encode(s, "-._~!$&'()*+,;=:@");
    }

    /** Encodes a path, keeping {@code /} as the separator. */
    public static String encodePath(String s) {
        return encode(s, "-._~!$&'()*+,;=:@/");
    }

    /** Encodes a query-string name or value ({@code &}, {@code =}, {@code +} and {@code #} are escaped). */
    public static String encodeQueryComponent(String s) {
        return encode(s, "-._~!$'()*,;:@/?");
    }

    /** Builds {@code a=1&b=2} from {@code query}, escaping names and values. */
    public static String encodeQuery(MultiMap query) {
        StringBuilder b = new StringBuilder();
        query.asMap().forEach((name, values) -> {
            for (String v : values) {
                if (b.length() > 0) {
                    b.append('&');
                }
                b.append(encodeQueryComponent(name)).append('=').append(encodeQueryComponent(v));
            }
        });
        return b.toString();
    }

    private static String encode(String s, String safe) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = null;
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean keep = c < 0x80 && (Character.isLetterOrDigit(c) || safe.indexOf(c) >= 0);
            if (keep) {
                if (out != null) {
                    out.append((char) c);
                }
            } else {
                if (out == null) {
                    out = new StringBuilder(bytes.length + 16);
                    for (int j = 0; j < i; j++) {
                        out.append((char) (bytes[j] & 0xff));
                    }
                }
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out == null ? s : out.toString();
    }

    private static String decode(String s, boolean plusIsSpace, boolean keepSlashAndPercent) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= len) {
                    throw new IllegalArgumentException("truncated percent-escape in " + quote(s));
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("invalid percent-escape in " + quote(s));
                }
                int b = (hi << 4) | lo;
                if (keepSlashAndPercent && (b == '/' || b == '%')) {
                    bytes.write('%');
                    bytes.write('2');
                    bytes.write(b == '/' ? 'F' : '5');
                } else {
                    bytes.write(b);
                }
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < len) {
                    enc = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(enc, 0, enc.length);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes.toByteArray()));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-escapes are not UTF-8 in " + quote(s), e);
        }
    }

    private static String quote(String s) {
        return '"' + (s.length() > 100 ? s.substring(0, 100) + "…" : s) + '"';
    }
}
