/**
 * JMH benchmarks of Weft's engine. They may use {@code dev.weft.internal} to measure one piece alone; they are not
 * tests and assert nothing about time.
 */
@NullMarked
package dev.weft.bench;

import org.jspecify.annotations.NullMarked;
