/**
 * The event loop that everything in Weft runs on, and the implicit loop ({@link dev.weft.loop.Loop#current()}).
 * Not a scheduler for blocking work: that goes through {@link dev.weft.loop.Loop#runBlocking}.
 */
@NullMarked
package dev.weft.loop;

import org.jspecify.annotations.NullMarked;
