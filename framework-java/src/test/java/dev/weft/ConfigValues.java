package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** Checks shared by the tests of the configuration records (ServerLimits, ServerConfig, WsOptions, ClientLimits...). */
public final class ConfigValues {
    private ConfigValues() {
    }

    /** Asserts that {@code after} differs from {@code before} in component {@code changed} and in no other. */
    public static void onlyChanged(Record before, Record after, String changed) {
        assertThat(after.getClass()).isEqualTo(before.getClass());
        List<String> differing = new ArrayList<>();
        for (RecordComponent c : before.getClass().getRecordComponents()) {
            if (!value(c, before).equals(value(c, after))) {
                differing.add(c.getName());
            }
        }
        assertThat(differing).as("components changed by with%s", capitalized(changed)).containsExactly(changed);
    }

    /** The names of the record's components, in order. */
    public static List<String> components(Class<? extends Record> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(c.getName());
        }
        return names;
    }

    /** Whether {@code type} has a public method {@code name} taking {@code parameters}. */
    public static boolean hasMethod(Class<?> type, String name, Class<?>... parameters) {
        try {
            type.getMethod(name, parameters);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * Asserts that every component {@code x} of {@code type} has a wither {@code withX} on the record and a setter
     * {@code x} on {@code builder}, both taking the component's type (a {@code List<String>} as {@code String...}).
     */
    public static void everySettingHasAWitherAndABuilderMethod(Class<? extends Record> type, Class<?> builder) {
        List<String> missing = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Class<?> parameter = c.getType() == List.class ? String[].class : c.getType();
            if (!hasMethod(type, "with" + capitalized(c.getName()), parameter)) {
                missing.add(type.getSimpleName() + ".with" + capitalized(c.getName()));
            }
            if (!hasMethod(builder, c.getName(), parameter)) {
                missing.add(type.getSimpleName() + ".Builder." + c.getName());
            }
        }
        assertThat(missing).as("withers and builder methods missing").isEmpty();
    }

    /** {@code maxHeaderBytes} -> {@code MaxHeaderBytes}. */
    public static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            Object v = c.getAccessor().invoke(r);
            return v == null ? "null" : v;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
