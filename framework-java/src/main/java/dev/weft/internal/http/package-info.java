/** Netty glue for {@link dev.weft.http}. Not API. */
@NullMarked
package dev.weft.internal.http;

import org.jspecify.annotations.NullMarked;
