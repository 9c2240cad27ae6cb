package dev.weft.web;

/**
 * A typed key for application state. Keys compare by identity, not by name: declare each key once as a constant and
 * share the constant (two keys named alike are different keys).
 *
 * <pre>{@code
 * public static final AppKey<DataSource> DB = AppKey.of("db", DataSource.class);
 * app.set(DB, pool);
 * DataSource db = request.app().require(DB);
 * }</pre>
 */
public final class AppKey<T> {
    private final String name;
    private final Class<? super T> type;

    private AppKey(String name, Class<? super T> type) {
        this.name = name;
        this.type = type;
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
        return "AppKey(" + name + ": " + type.getSimpleName() + ")";
    }
}
