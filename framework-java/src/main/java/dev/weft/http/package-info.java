/**
 * What Weft's server and client share: headers, cookies, media types, query strings and URL encoding.
 * Nothing here opens a connection.
 */
@NullMarked
package dev.weft.http;

import org.jspecify.annotations.NullMarked;
