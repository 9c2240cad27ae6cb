package dev.weft.http;

/** Common {@code Content-Type} values. Text types carry {@code charset=utf-8}, which is what Weft encodes. */
public final class MediaTypes {
    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    public static final String TEXT_HTML = "text/html; charset=utf-8";
    public static final String APPLICATION_JSON = "application/json";
    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String FORM_URLENCODED = "application/x-www-form-urlencoded";
    public static final String MULTIPART_FORM_DATA = "multipart/form-data";

    /** Types by lower-case file extension: the web's usual files. Text types say UTF-8. */
    private static final java.util.Map<String, String> BY_EXTENSION = java.util.Map.ofEntries(
            java.util.Map.entry("html", TEXT_HTML), java.util.Map.entry("htm", TEXT_HTML),
            java.util.Map.entry("css", "text/css; charset=utf-8"),
            java.util.Map.entry("js", "text/javascript; charset=utf-8"),
            java.util.Map.entry("mjs", "text/javascript; charset=utf-8"),
            java.util.Map.entry("json", APPLICATION_JSON), java.util.Map.entry("map", APPLICATION_JSON),
            java.util.Map.entry("txt", TEXT_PLAIN), java.util.Map.entry("md", "text/markdown; charset=utf-8"),
            java.util.Map.entry("csv", "text/csv; charset=utf-8"), java.util.Map.entry("xml", "application/xml"),
            java.util.Map.entry("svg", "image/svg+xml"), java.util.Map.entry("png", "image/png"),
            java.util.Map.entry("jpg", "image/jpeg"), java.util.Map.entry("jpeg", "image/jpeg"),
            java.util.Map.entry("gif", "image/gif"), java.util.Map.entry("webp", "image/webp"),
            java.util.Map.entry("avif", "image/avif"), java.util.Map.entry("ico", "image/vnd.microsoft.icon"),
            java.util.Map.entry("wasm", "application/wasm"), java.util.Map.entry("pdf", "application/pdf"),
            java.util.Map.entry("zip", "application/zip"), java.util.Map.entry("gz", "application/gzip"),
            java.util.Map.entry("tar", "application/x-tar"), java.util.Map.entry("woff", "font/woff"),
            java.util.Map.entry("woff2", "font/woff2"), java.util.Map.entry("ttf", "font/ttf"),
            java.util.Map.entry("otf", "font/otf"), java.util.Map.entry("mp3", "audio/mpeg"),
            java.util.Map.entry("ogg", "audio/ogg"), java.util.Map.entry("wav", "audio/wav"),
            java.util.Map.entry("mp4", "video/mp4"), java.util.Map.entry("webm", "video/webm"),
            java.util.Map.entry("webmanifest", "application/manifest+json"));

    private MediaTypes() {
    }

    /**
     * The {@code Content-Type} for a file named {@code fileName}, by its extension (ignoring case):
     * {@code "app.js"} gives {@code text/javascript; charset=utf-8}; {@link #OCTET_STREAM} for an extension not known.
     */
    public static String forFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        if (dot < 0 || dot < slash) {
            return OCTET_STREAM;
        }
        return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(java.util.Locale.ROOT), OCTET_STREAM);
    }

    /** The media type without parameters, lower-cased: {@code "Text/HTML; charset=x"} gives {@code "text/html"}. */
    public static String essence(String contentType) {
        int semi = contentType.indexOf(';');
        String type = semi < 0 ? contentType : contentType.substring(0, semi);
        return type.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
