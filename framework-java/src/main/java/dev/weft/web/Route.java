package dev.weft.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a method as the handler of any {@code method} ({@code "*"} for all); see {@link RouteTable#of(Object...)}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Route {
    /** The HTTP method, or {@code "*"}. */
    String method();

    /** The path template. */
    String path();

    /** The route's name for URL reversal; empty for none. */
    String name() default "";
}
