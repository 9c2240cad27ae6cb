/** Small helpers the engine's packages share, such as the once-per-process deprecation warning. Not API. */
@NullMarked
package dev.weft.internal.util;

import org.jspecify.annotations.NullMarked;
