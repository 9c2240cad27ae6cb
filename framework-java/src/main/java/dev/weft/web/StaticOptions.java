package dev.weft.web;

import java.util.function.Consumer;

/**
 * How {@link RouteTable#staticFiles(String, java.nio.file.Path, StaticOptions)} serves a directory, as aiohttp's
 * {@code add_static} options.
 * <ul>
 *   <li>{@code showIndex}, default {@value #DEFAULT_SHOW_INDEX}: a directory is answered with an HTML list of its
 *       entries (names escaped); otherwise with 403.</li>
 *   <li>{@code followSymlinks}, default {@value #DEFAULT_FOLLOW_SYMLINKS}: a symbolic link under the directory is
 *       followed wherever it points, as aiohttp's option does; otherwise any path through a link is answered with
 *       404, so a link cannot lead out of the directory.</li>
 * </ul>
 */
public final class StaticOptions {
    public static final boolean DEFAULT_SHOW_INDEX = false;
    public static final boolean DEFAULT_FOLLOW_SYMLINKS = false;

    private final boolean showIndex;
    private final boolean followSymlinks;

    private StaticOptions(Builder b) {
        this.showIndex = b.showIndex;
        this.followSymlinks = b.followSymlinks;
    }

    /** The defaults. */
    public static StaticOptions create() {
        return builder().build();
    }

    /** The defaults changed by {@code change}. */
    public static StaticOptions create(Consumer<Builder> change) {
        Builder b = builder();
        change.accept(b);
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a directory is answered with a list of its entries. */
    public boolean showIndex() {
        return showIndex;
    }

    /** Whether symbolic links are followed. */
    public boolean followSymlinks() {
        return followSymlinks;
    }

    /** Builds {@link StaticOptions}; setters return this builder. */
    public static final class Builder {
        private boolean showIndex = DEFAULT_SHOW_INDEX;
        private boolean followSymlinks = DEFAULT_FOLLOW_SYMLINKS;

        private Builder() {
        }

        /** See {@link StaticOptions}. */
        public Builder showIndex(boolean showIndex) {
            this.showIndex = showIndex;
            return this;
        }

        /** See {@link StaticOptions}. */
        public Builder followSymlinks(boolean followSymlinks) {
            this.followSymlinks = followSymlinks;
            return this;
        }

        public StaticOptions build() {
            return new StaticOptions(this);
        }
    }
}
