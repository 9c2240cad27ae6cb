package dev.weft.kotlin

/**
 * Marks the receivers of Weft's Kotlin DSL ([ApplicationScope], [Routes]) so that a block nested in another sees
 * only its own receiver: `onStartup` is not callable inside `routes { ... }` by accident.
 */
@DslMarker
annotation class WeftDsl
