package dev.weft.internal.client;

import java.util.Locale;
import java.util.Set;

/**
 * A small built-in list of public suffixes, the domains under which anyone may register a name, so that a cookie
 * for {@code Domain=co.uk} is refused. Not the full Public Suffix List (thousands of entries that change): every
 * one-label top-level domain counts as public, plus the common second-level registries below.
 */
final class PublicSuffixes {
    private static final Set<String> MULTI_LABEL = Set.of(
            "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk", "nhs.uk", "sch.uk",
            "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
            "co.nz", "net.nz", "org.nz", "govt.nz", "ac.nz",
            "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "ad.jp", "ed.jp", "gr.jp", "lg.jp",
            "co.kr", "or.kr", "ne.kr", "go.kr", "ac.kr",
            "com.br", "net.br", "org.br", "gov.br", "edu.br",
            "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn",
            "com.tw", "org.tw", "net.tw", "gov.tw", "edu.tw",
            "com.hk", "org.hk", "net.hk", "gov.hk", "edu.hk",
            "com.sg", "org.sg", "net.sg", "gov.sg", "edu.sg",
            "co.in", "net.in", "org.in", "gov.in", "ac.in", "firm.in",
            "co.za", "org.za", "gov.za", "ac.za", "web.za",
            "com.mx", "org.mx", "gob.mx", "net.mx", "edu.mx",
            "com.ar", "org.ar", "gob.ar", "net.ar",
            "com.tr", "org.tr", "gov.tr", "net.tr", "edu.tr",
            "co.il", "org.il", "gov.il", "ac.il", "net.il",
            "com.ru", "org.ru", "net.ru", "com.ua", "org.ua", "gov.ua",
            "com.es", "org.es", "gob.es", "com.pl", "net.pl", "org.pl", "co.at", "or.at", "gv.at",
            "com.my", "org.my", "gov.my", "co.th", "or.th", "go.th", "ac.th", "com.vn", "gov.vn",
            "com.ph", "gov.ph", "com.pk", "gov.pk", "com.sa", "gov.sa", "com.eg", "gov.eg", "co.id", "or.id",
            "go.id", "ac.id", "com.ng", "gov.ng", "co.ke", "or.ke", "go.ke",
            // Shared hosting whose customers must not set cookies for each other.
            "github.io", "gitlab.io", "herokuapp.com", "appspot.com", "blogspot.com", "netlify.app", "vercel.app",
            "pages.dev", "workers.dev", "azurewebsites.net", "cloudfront.net", "s3.amazonaws.com",
            "firebaseapp.com", "web.app", "fly.dev", "onrender.com");

    private PublicSuffixes() {
    }

    /** Whether {@code domain} (lower case, no leading dot) is a public suffix. */
    static boolean isPublicSuffix(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.indexOf('.') < 0) {
            return true; // a top-level domain: com, uk, dev, local, ...
        }
        return MULTI_LABEL.contains(d);
    }
}
