/**
 * The way to test a Weft application, as aiohttp's {@code test_utils} and pytest plugin: a test server on loopback,
 * a test client whose requests run on a loop the test injects, and JUnit fixtures that provide both and check for
 * leaks at the end. It is also how Weft tests itself. Not a mocking library, and nothing here is needed at run time.
 */
@NullMarked
package dev.weft.test;

import org.jspecify.annotations.NullMarked;
