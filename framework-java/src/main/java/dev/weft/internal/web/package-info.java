/** Routing and request internals behind {@link dev.weft.web}. Not API. */
@NullMarked
package dev.weft.internal.web;

import org.jspecify.annotations.NullMarked;
