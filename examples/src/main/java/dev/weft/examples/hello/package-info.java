/**
 * Hello, world in Java ({@link dev.weft.examples.hello.HelloApp}) and in Kotlin without the DSL
 * ({@code HelloKotlin.kt}): one static route and one with a path placeholder.
 */
@NullMarked
package dev.weft.examples.hello;

import org.jspecify.annotations.NullMarked;
