/**
 * The implicit-loop case of testing: a service that builds its client session on {@code Loop.current()}, built per
 * request deep inside an application, and the test that patches it onto the test's loop.
 */
@NullMarked
package dev.weft.examples.search;

import org.jspecify.annotations.NullMarked;
