/**
 * Hello, world in Java ({@link dev.weft.examples.hello.HelloApp}) and in Kotlin with the DSL of weft-kotlin
 * ({@code HelloKotlin.kt}: {@code application { routes { ... } }} with suspend handlers): a static route, one with a
 * path placeholder, and (in Kotlin) a POST that awaits its body.
 */
@NullMarked
package dev.weft.examples.hello;

import org.jspecify.annotations.NullMarked;
