package dev.weft.bench.load;

import java.util.HashMap;
import java.util.Map;

/**
 * The options of the load generators: {@code --name value} pairs and bare {@code --flag}s, each looked up with a
 * default. Plain JDK, so that the Vert.x client (its own Maven project under {@code servers/vertx-client/}) compiles
 * it too.
 */
public final class Args {
    private final Map<String, String> values = new HashMap<>();

    private Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option (--name), got " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
            values.put(name, flag ? "true" : args[++i]);
        }
    }

    /** The options in {@code args}. */
    public static Args parse(String[] args) {
        return new Args(args);
    }

    /** The value of {@code --name}, or {@code otherwise}. */
    public String text(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    /** The value of {@code --name} as a number, or {@code otherwise}. */
    public int number(String name, int otherwise) {
        String v = values.get(name);
        return v == null ? otherwise : Integer.parseInt(v);
    }

    /** Whether the bare flag {@code --name} was given. */
    public boolean flag(String name) {
        return Boolean.parseBoolean(values.get(name));
    }
}
