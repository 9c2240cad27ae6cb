package dev.weft.http;

/**
 * Headers that can be changed, as on a response. Names and values are validated when set: a CR, LF or other control
 * character is refused with {@link IllegalArgumentException}, so a header can never split a response.
 */
public interface MutableHeaders extends Headers {

    /** Replaces every value of {@code name} with {@code value} ({@link Object#toString()} is used). */
    MutableHeaders set(CharSequence name, Object value);

    /** Adds a value to {@code name}, keeping the existing ones. */
    MutableHeaders add(CharSequence name, Object value);

    /** Copies every header of {@code other}, adding to the values present. */
    MutableHeaders addAll(Headers other);

    /** Removes every value of {@code name}. */
    MutableHeaders remove(CharSequence name);

    /** Removes everything. */
    MutableHeaders clear();
}
