/** JSON encoding behind {@code Response.json} and {@code request.json}: an interface and a Jackson default. */
@NullMarked
package dev.weft.json;

import org.jspecify.annotations.NullMarked;
