package dev.weft.http;

/** Character classes of HTTP's grammar (RFC 9110 §5.6). */
public final class HttpTokens {
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HttpTokens() {
    }

    /** Whether {@code c} may appear in a token. */
    public static boolean isTokenChar(char c) {
        return c < 128 && TCHAR[c];
    }

    /** Whether {@code s} is a non-empty token (a method, header name or cookie name). */
    public static boolean isToken(CharSequence s) {
        int len = s.length();
        if (len == 0) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code s} may be a header field value as Weft sends it: no control character but horizontal tab (so no
     * CR, LF or NUL, which would end the field or the head), and nothing above Latin-1.
     */
    public static boolean isFieldValue(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }
}
