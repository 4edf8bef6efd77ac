package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example is the body of {@link QuickStart#run}, which this build compiles and
 * {@code QuickStartTest} runs: the README may not drift from code that works.
 */
class ReadmeCodeTest {

    @Test
    void theReadmesJavaExampleIsQuickStartsCode() throws IOException {
        Path root = TestData.tutorial().toAbsolutePath().getParent().getParent().getParent();
        List<String> readme = javaBlock(Files.readAllLines(root.resolve("README.md")), "## From Java");
        assertFalse(readme.isEmpty(), "README.md has no ```java block under '## From Java'");
        String quickStart = normalise(Files.readAllLines(
                root.resolve("gan-examples/src/main/java/dev/gan4j/examples/QuickStart.java")));
        String block = String.join("\n", readme);
        assertTrue(quickStart.contains(block), "README's Java example is not QuickStart.run's code:\n" + block);
    }

    @Test
    void everyRelativeLinkInTheReadmeAndDocsLeadsToAFile() throws IOException {
        Path root = TestData.tutorial().toAbsolutePath().getParent().getParent().getParent();
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (var docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        java.util.regex.Pattern link = java.util.regex.Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        for (Path page : pages) {
            java.util.regex.Matcher m = link.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (!target.contains("://") && !Files.exists(page.getParent().resolve(target))) {
                    broken.add(root.relativize(page) + ": " + target);
                }
            }
        }
        assertTrue(broken.isEmpty(), "links to nothing: " + broken);
    }

    /** The lines of the first {@code ```java} block after {@code heading}, stripped, blank lines dropped. */
    private static List<String> javaBlock(List<String> lines, String heading) {
        List<String> out = new ArrayList<>();
        boolean inSection = false;
        boolean inBlock = false;
        for (String line : lines) {
            if (line.equals(heading)) {
                inSection = true;
            } else if (inSection && !inBlock && line.equals("```java")) {
                inBlock = true;
            } else if (inBlock && line.equals("```")) {
                return out;
            } else if (inBlock && !line.isBlank()) {
                out.add(line.strip());
            }
        }
        return List.of();
    }

    private static String normalise(List<String> lines) {
        return String.join("\n", lines.stream().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }
}
