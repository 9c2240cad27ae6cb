package dev.weft.internal.web;

import dev.weft.web.Handler;
import dev.weft.web.HttpForbidden;
import dev.weft.web.HttpNotFound;
import dev.weft.web.Reply;
import dev.weft.web.Request;
import dev.weft.web.Response;
import dev.weft.web.StaticOptions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Serves the files under a directory for a static route: the route's tail names a file relative to the root, which
 * is refused (404) in every spelling that could leave it: a {@code ..} or {@code .} segment (however it was
 * percent-encoded: the tail arrives decoded), a backslash, a NUL or other control character, an absolute path or a
 * drive letter, and, unless links are followed, any symbolic link on the way. A directory gets 403, or its index.
 * The file system is consulted off the loop.
 */
public final class StaticHandler implements Handler {
    /** The placeholder of a static route's tail. */
    public static final String TAIL = "filename";

    private final Path root;
    private final StaticOptions options;
    private final String prefix;

    public StaticHandler(String prefix, Path root, StaticOptions options) {
        this.prefix = prefix;
        this.root = root.toAbsolutePath().normalize();
        this.options = options;
    }

    @Override
    public Reply handle(Request request) {
        String tail = request.param(TAIL);
        if (!safe(tail)) {
            return new HttpNotFound();
        }
        Path wanted = tail.isEmpty() ? root : root.resolve(tail).normalize();
        if (!wanted.startsWith(root)) {
            return new HttpNotFound();
        }
        return Reply.async(request.loop().runBlocking(() -> {
            try {
                return answer(wanted, tail);
            } catch (java.nio.file.NoSuchFileException e) {
                return new HttpNotFound(); // a link to nowhere, or gone meanwhile
            } catch (java.nio.file.AccessDeniedException e) {
                return new HttpForbidden();
            }
        }));
    }

    /** Off the loop: the file's response, or the error. */
    private Reply answer(Path wanted, String tail) throws IOException {
        Path target = wanted;
        if (options.followSymlinks()) {
            if (!Files.exists(wanted)) {
                return new HttpNotFound();
            }
        } else {
            if (!Files.exists(wanted, LinkOption.NOFOLLOW_LINKS)) {
                return new HttpNotFound();
            }
            // Any link on the way (the root's own path aside) shows as a difference between the real path and ours.
            Path real = wanted.toRealPath();
            if (!real.equals(root.toRealPath().resolve(root.relativize(wanted)))) {
                return new HttpNotFound();
            }
            target = real;
        }
        if (Files.isDirectory(target)) {
            if (!options.showIndex()) {
                return new HttpForbidden("403: Forbidden\n\ndirectory listing is not enabled");
            }
            return Response.html(index(target, tail));
        }
        if (!Files.isRegularFile(target)) {
            return new HttpNotFound();
        }
        return Response.file(target);
    }

    /** Whether a decoded tail stays inside the root, by its spelling alone. */
    static boolean safe(String tail) {
        if (tail.startsWith("/") || (tail.length() >= 2 && tail.charAt(1) == ':')) {
            return false; // absolute, or a drive letter
        }
        for (int i = 0; i < tail.length(); i++) {
            char c = tail.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        for (String segment : tail.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return false;
            }
        }
        return true;
    }

    private String index(Path dir, String tail) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                names.add(p.getFileName() + (Files.isDirectory(p) ? "/" : ""));
            }
        }
        names.sort(null);
        String base = prefix + "/" + tail + (tail.isEmpty() || tail.endsWith("/") ? "" : "/");
        StringBuilder b = new StringBuilder("<html>\n<head>\n<title>Index of ").append(escape(base))
                .append("</title>\n</head>\n<body>\n<h1>Index of ").append(escape(base)).append("</h1>\n<ul>\n");
        for (String name : names) {
            b.append("<li><a href=\"").append(escape(base + dev.weft.http.UrlCodec.encodePathSegment(
                    name.endsWith("/") ? name.substring(0, name.length() - 1) : name) + (name.endsWith("/") ? "/" : "")))
                    .append("\">").append(escape(name)).append("</a></li>\n");
        }
        return b.append("</ul>\n</body>\n</html>\n").toString();
    }

    static String escape(@Nullable String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#x27;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
