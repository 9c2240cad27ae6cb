package dev.weft.web;

/**
 * A typed key for per-request state, set by a middleware and read by the handler. Keys compare by identity, not by name: declare each key once as a constant and
 * share the constant (two keys named alike are different keys).
 *
 * <pre>{@code
 * public static final RequestKey<User> USER = RequestKey.of("user", User.class);
 * request.set(USER, user);                 // in a middleware
 * User user = request.require(USER);       // in the handler
 * }</pre>
 */
public final class RequestKey<T> {
    private final String name;
    private final Class<? super T> type;

    private RequestKey(String name, Class<? super T> type) {
        this.name = name;
        this.type = type;
    }

    /** A new key; {@code name} is for messages only. */
    public static <T> RequestKey<T> of(String name, Class<T> type) {
        return new RequestKey<>(name, type);
    }

    /** A new key for a generic type, such as {@code RequestKey.<List<String>>ofGeneric("names", List.class)}. */
    @SuppressWarnings("unchecked")
    public static <T> RequestKey<T> ofGeneric(String name, Class<?> rawType) {
        return new RequestKey<>(name, (Class<? super T>) rawType);
    }

    /** The debug name. */
    public String name() {
        return name;
    }

    /** The value type (its raw class for generic types). */
    public Class<? super T> type() {
        return type;
    }

    @Override
    public String toString() {
        return "RequestKey(" + name + ": " + type.getSimpleName() + ")";
    }
}
