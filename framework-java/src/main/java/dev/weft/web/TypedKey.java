package dev.weft.web;

import dev.weft.internal.util.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The base of Weft's typed keys, {@link AppKey} for application state and {@link RequestKey} for per-request state: a
 * debug name and the value type. Keys compare by identity, not by name: declare each key once as a constant and share
 * the constant (two keys named alike are different keys, also when their types are the same).
 *
 * <p>Sealed: the two kinds of key are distinct types, so an {@code AppKey} cannot be passed where a {@code RequestKey}
 * is expected, nor the reverse. Immutable and safe to share between threads.
 *
 * @param <T> the type of the value stored under this key
 */
public abstract sealed class TypedKey<T> permits AppKey, RequestKey {
    private final String name;
    private final Class<? super T> type;

    TypedKey(String name, Class<? super T> type) {
        this.name = Checks.notNull(name, "the key's name");
        this.type = Checks.notNull(type, "the key's type");
    }

    /** The debug name, used in messages only. */
    public final String name() {
        return name;
    }

    /** The value type (its raw class for generic types). */
    public final Class<? super T> type() {
        return type;
    }

    /**
     * The {@code value} as this key's type: null stays null, a value of the key's type (its raw class for a generic
     * key) is returned as it is.
     *
     * @throws ClassCastException naming this key when {@code value} is of another type
     */
    @SuppressWarnings("unchecked")
    public final @Nullable T cast(@Nullable Object value) {
        if (value != null && !type.isInstance(value)) {
            throw new ClassCastException(this + " holds a " + type.getName() + ", got a " + value.getClass().getName());
        }
        return (T) value;
    }

    /** Identity: a key equals only itself. */
    @Override
    public final boolean equals(@Nullable Object other) {
        return this == other;
    }

    /** The identity hash code. */
    @Override
    public final int hashCode() {
        return System.identityHashCode(this);
    }

    /** {@code AppKey(name: Type)} or {@code RequestKey(name: Type)}. */
    @Override
    public final String toString() {
        return getClass().getSimpleName() + "(" + name + ": " + type.getSimpleName() + ")";
    }
}
