package dev.weft.web;

/**
 * A typed key for application state, set on an {@link Application} and read by handlers. Keys compare by identity,
 * not by name: declare each key once as a constant and share the constant (two keys named alike are different keys).
 * The name, type and identity rules are {@link TypedKey}'s; an {@code AppKey} is never a {@link RequestKey}.
 *
 * <pre>{@code
 * public static final AppKey<DataSource> DB = AppKey.of("db", DataSource.class);
 * app.set(DB, pool);
 * DataSource db = request.app().require(DB);
 * }</pre>
 *
 * @param <T> the type of the value stored under this key
 */
public final class AppKey<T> extends TypedKey<T> {

    private AppKey(String name, Class<? super T> type) {
        super(name, type);
    }

    /** A new key; {@code name} is for messages only. */
    public static <T> AppKey<T> of(String name, Class<T> type) {
        return new AppKey<>(name, type);
    }

    /** A new key for a generic type, such as {@code AppKey.<List<String>>ofGeneric("names", List.class)}. */
    @SuppressWarnings("unchecked")
    public static <T> AppKey<T> ofGeneric(String name, Class<?> rawType) {
        return new AppKey<>(name, (Class<? super T>) rawType);
    }
}
