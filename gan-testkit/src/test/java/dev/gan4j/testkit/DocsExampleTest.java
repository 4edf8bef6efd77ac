package dev.gan4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The example in docs/extending.md ("Testing your layer") is the code of {@link ScaleLayerTest}, which compiles. */
class DocsExampleTest {

    @Test
    void theDocumentedExampleIsTheCompiledOne() throws IOException {
        // surefire runs in the module's folder
        String docs = Files.readString(Path.of("../docs/extending.md"));
        List<String> test = Files.readAllLines(Path.of("src/test/java/dev/gan4j/testkit/ScaleLayerTest.java"));
        int begin = test.indexOf("    // docs:begin");
        int end = test.indexOf("    // docs:end");
        assertTrue(begin >= 0 && end > begin, "ScaleLayerTest marks its example with docs:begin and docs:end");
        String example = test.subList(begin + 1, end).stream()
                .map(line -> line.startsWith("    ") ? line.substring(4) : line)
                .collect(Collectors.joining("\n", "", "\n"));
        int section = docs.indexOf("## Testing your layer");
        assertTrue(section >= 0, "docs/extending.md has a section \"Testing your layer\"");
        int from = docs.indexOf("```java\n", section) + "```java\n".length();
        int to = docs.indexOf("```\n", from);
        assertEquals(example, docs.substring(from, to));
    }
}
