package dev.weft.web;

/**
 * A typed key for per-request state, set by a middleware and read by the handler. Keys compare by identity, not by
 * name: declare each key once as a constant and share the constant (two keys named alike are different keys). The
 * name, type and identity rules are {@link TypedKey}'s; a {@code RequestKey} is never an {@link AppKey}.
 *
 * <pre>{@code
 * public static final RequestKey<User> USER = RequestKey.of("user", User.class);
 * request.set(USER, user);                 // in a middleware
 * User user = request.require(USER);       // in the handler
 * }</pre>
 *
 * @param <T> the type of the value stored under this key
 */
public final class RequestKey<T> extends TypedKey<T> {

    private RequestKey(String name, Class<? super T> type) {
        super(name, type);
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
}
