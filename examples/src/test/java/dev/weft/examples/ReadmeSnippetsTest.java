package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's Java and Kotlin code is copied from the examples (their code or their tests), so it compiles and its
 * tests run; this test keeps it that way.
 */
class ReadmeSnippetsTest {
    private static final Pattern CODE_BLOCK = Pattern.compile("```(java|kotlin)\\n(.*?)```", Pattern.DOTALL);
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));

    @Test
    void every_java_and_kotlin_block_of_the_readme_is_an_excerpt_of_an_example() throws IOException {
        String readme = Files.readString(MODULE.resolve("../README.md"));
        List<List<String>> sources = new ArrayList<>();
        for (String tree : List.of("src/main", "src/test")) {
            try (Stream<Path> files = Files.walk(MODULE.resolve(tree))) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().matches(".*\\.(java|kt)"))::iterator) {
                    sources.add(trimmedLines(Files.readString(f)));
                }
            }
        }

        Matcher m = CODE_BLOCK.matcher(readme);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            List<String> snippet = trimmedLines(m.group(2));
            assertThat(sources)
                    .as("README %s block %d should be copied from a file in examples/src/main or src/test:%n%s",
                            m.group(1), blocks, m.group(2))
                    .anyMatch(source -> Collections.indexOfSubList(source, snippet) >= 0);
        }
        assertThat(blocks).as("Java and Kotlin blocks in the README").isGreaterThanOrEqualTo(2);
    }

    private static List<String> trimmedLines(String text) {
        return text.strip().lines().map(String::strip).toList();
    }
}
