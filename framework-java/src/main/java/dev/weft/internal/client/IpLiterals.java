package dev.weft.internal.client;

/** Telling an IP literal from a host name, without a regular expression (this runs for every request). */
final class IpLiterals {
    private IpLiterals() {
    }

    /** Whether {@code host} is four dot-separated groups of one to three digits (the shape of an IPv4 literal). */
    static boolean isIpv4(String host) {
        int groups = 0;
        int digits = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && groups < 3) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return groups == 3 && digits > 0;
    }
}
