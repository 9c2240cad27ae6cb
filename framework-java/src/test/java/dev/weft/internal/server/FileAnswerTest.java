package dev.weft.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The answer to conditional and range requests for a file, as a table (RFC 9110 §13, §14). */
class FileAnswerTest {
    private static final long SIZE = 100;
    /** 2026-01-02 03:04:05 UTC, and half a second. */
    private static final long MTIME_NANOS = 1_767_323_045_500_000_000L;
    private static final String ETAG = FileAnswer.etag(MTIME_NANOS, SIZE);
    private static final String LAST_MODIFIED = "Fri, 02 Jan 2026 03:04:05 GMT";
    private static final String EARLIER = "Thu, 01 Jan 2026 00:00:00 GMT";

    @ParameterizedTest(name = "{0}: {1} -> {2} [{3}, {4}]")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            no conditions                         | GET  | 200 | 0  | 100
            if-none-match the tag                  | GET  | 304 | 0  | 0
            if-none-match the weak tag             | GET  | 304 | 0  | 0
            if-none-match another tag              | GET  | 200 | 0  | 100
            if-none-match star                     | GET  | 304 | 0  | 0
            if-none-match the tag on a PUT         | PUT  | 412 | 0  | 0
            if-modified-since last-modified        | GET  | 304 | 0  | 0
            if-modified-since earlier              | GET  | 200 | 0  | 100
            if-modified-since garbage              | GET  | 200 | 0  | 100
            if-modified-since beside if-none-match | GET  | 200 | 0  | 100
            if-match another tag                   | GET  | 412 | 0  | 0
            if-match the weak tag                  | GET  | 412 | 0  | 0
            if-match the tag                       | GET  | 200 | 0  | 100
            if-unmodified-since earlier            | GET  | 412 | 0  | 0
            if-unmodified-since last-modified      | GET  | 200 | 0  | 100
            range 0-9                              | GET  | 206 | 0  | 10
            range 90-                              | GET  | 206 | 90 | 10
            range -5                               | GET  | 206 | 95 | 5
            range -500                             | GET  | 206 | 0  | 100
            range 95-1000                          | GET  | 206 | 95 | 5
            range 100-                             | GET  | 416 | 0  | 0
            range -0                               | GET  | 416 | 0  | 0
            range 5-2                              | GET  | 200 | 0  | 100
            range two                              | GET  | 200 | 0  | 100
            range items                            | GET  | 200 | 0  | 100
            range garbage                          | GET  | 200 | 0  | 100
            range 0-9 on a HEAD                    | HEAD | 200 | 0  | 100
            range 0-9 if-range the tag             | GET  | 206 | 0  | 10
            range 0-9 if-range another tag         | GET  | 200 | 0  | 100
            range 0-9 if-range last-modified       | GET  | 206 | 0  | 10
            range 0-9 if-range earlier             | GET  | 200 | 0  | 100
            """)
    void answers(String name, String method, int status, long start, long count) {
        FileAnswer a = FileAnswer.decide(conditions(name, method), SIZE, MTIME_NANOS, ETAG);
        assertThat(a).isEqualTo(new FileAnswer(status, start, count));
    }

    private static FileAnswer.Conditions conditions(String name, String method) {
        @Nullable String ifMatch = null;
        @Nullable String ifNoneMatch = null;
        @Nullable String ims = null;
        @Nullable String ius = null;
        @Nullable String range = null;
        @Nullable String ifRange = null;
        if (name.contains("if-none-match the weak tag")) {
            ifNoneMatch = "W/" + ETAG;
        } else if (name.contains("if-none-match the tag")) {
            ifNoneMatch = "\"x\", " + ETAG;
        } else if (name.contains("if-none-match another")) {
            ifNoneMatch = "\"other\"";
        } else if (name.contains("if-none-match star")) {
            ifNoneMatch = "*";
        }
        if (name.contains("if-modified-since last-modified")) {
            ims = LAST_MODIFIED;
        } else if (name.contains("if-modified-since earlier")) {
            ims = EARLIER;
        } else if (name.contains("if-modified-since garbage")) {
            ims = "yesterday";
        } else if (name.contains("if-modified-since beside")) {
            ims = LAST_MODIFIED;
            ifNoneMatch = "\"other\"";
        }
        if (name.contains("if-match another")) {
            ifMatch = "\"other\"";
        } else if (name.contains("if-match the weak")) {
            ifMatch = "W/" + ETAG;
        } else if (name.contains("if-match the tag")) {
            ifMatch = ETAG;
        }
        if (name.contains("if-unmodified-since earlier")) {
            ius = EARLIER;
        } else if (name.contains("if-unmodified-since last-modified")) {
            ius = LAST_MODIFIED;
        }
        if (name.startsWith("range ")) {
            String spec = name.substring(6).split(" ")[0];
            range = switch (spec) {
                case "two" -> "bytes=0-1, 5-6";
                case "items" -> "items=0-9";
                case "garbage" -> "bytes=a-b";
                default -> "bytes=" + spec;
            };
        }
        if (name.contains("if-range the tag")) {
            ifRange = ETAG;
        } else if (name.contains("if-range another")) {
            ifRange = "\"other\"";
        } else if (name.contains("if-range last-modified")) {
            ifRange = LAST_MODIFIED;
        } else if (name.contains("if-range earlier")) {
            ifRange = EARLIER;
        }
        return new FileAnswer.Conditions(method, ifMatch, ifNoneMatch, ims, ius, range, ifRange);
    }
}
