package dev.weft.http;

/** Common {@code Content-Type} values. Text types carry {@code charset=utf-8}, which is what Weft encodes. */
public final class MediaTypes {
    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    public static final String TEXT_HTML = "text/html; charset=utf-8";
    public static final String APPLICATION_JSON = "application/json";
    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String FORM_URLENCODED = "application/x-www-form-urlencoded";
    public static final String MULTIPART_FORM_DATA = "multipart/form-data";

    private MediaTypes() {
    }

    /** The media type without parameters, lower-cased: {@code "Text/HTML; charset=x"} gives {@code "text/html"}. */
    public static String essence(String contentType) {
        int semi = contentType.indexOf(';');
        String type = semi < 0 ? contentType : contentType.substring(0, semi);
        return type.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
