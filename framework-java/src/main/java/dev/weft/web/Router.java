package dev.weft.web;

/**
 * The former name of {@link Urls}, kept so that code written against it still compiles and runs.
 *
 * @deprecated the type only reverses URLs and lists routes, which its new name says: use {@link Urls} and
 *             {@link Application#urls()}; {@link Application#router()} logs a warning on first use
 */
@Deprecated(since = "0.1")
public interface Router extends Urls {
}
