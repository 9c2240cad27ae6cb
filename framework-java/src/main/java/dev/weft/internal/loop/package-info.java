/** Netty glue behind {@link dev.weft.loop.Loop}. Not API. */
@NullMarked
package dev.weft.internal.loop;

import org.jspecify.annotations.NullMarked;
