package com.pricefeed.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link and every {@code #anchor} in the README, {@code docs/} and {@code benchmark/} resolves: the file
 * or folder exists, and the anchor names a heading of the file it points into, in GitHub's form of a heading's id.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern EXTERNAL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    /** The documents, relative to the repository's root. */
    static Stream<Path> documents() {
        return Stream.concat(Stream.of(ROOT.resolve("README.md")),
                Stream.of("docs", "benchmark").flatMap(DocumentationLinksTest::markdownUnder)).map(ROOT::relativize);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void shouldResolveEveryRelativeLinkAndAnchor(Path document) {
        List<String> broken = new ArrayList<>();
        for (String target : Markdown.of(ROOT.resolve(document)).links()) {
            if (!EXTERNAL.matcher(target).find()) {
                brokenBy(ROOT.resolve(document), target).ifPresent(broken::add);
            }
        }

        assertThat(broken).as("broken links in %s", document).isEmpty();
    }

    @Test
    void shouldLeadFromTheReadmeIntoEveryDocument() {
        Set<Path> linked = new LinkedHashSet<>();
        for (String target : Markdown.of(ROOT.resolve("README.md")).links()) {
            linked.add(ROOT.resolve(target.split("#", 2)[0]).normalize());
        }

        assertThat(linked).containsAll(markdownUnder("docs").toList()).contains(ROOT.resolve("benchmark/README.md"));
    }

    @Test
    void shouldSpellAnchorsAsGitHubDoes() {
        assertThat(Markdown.anchor("Keys and partitions: how a publisher gets the fast path"))
                .isEqualTo("keys-and-partitions-how-a-publisher-gets-the-fast-path");
        assertThat(Markdown.anchor("The API's read-only database role")).isEqualTo("the-apis-read-only-database-role");
        assertThat(Markdown.anchor("Command-line tools: `replay` and `dlq`")).isEqualTo("command-line-tools-replay-and-dlq");
        assertThat(Markdown.anchor("Full run at 11:18 UTC, commit `8eef074`")).isEqualTo("full-run-at-1118-utc-commit-8eef074");
    }

    private static Optional<String> brokenBy(Path document, String target) {
        String[] pathAndAnchor = target.split("#", 2);
        Path file = pathAndAnchor[0].isEmpty() ? document : document.getParent().resolve(pathAndAnchor[0]).normalize();
        if (!Files.exists(file)) {
            return Optional.of(target + ": no such file");
        }
        if (pathAndAnchor.length == 2 && !(file.toString().endsWith(".md") && Markdown.of(file).anchors().contains(pathAndAnchor[1]))) {
            return Optional.of(target + ": no such heading in " + ROOT.relativize(file));
        }
        return Optional.empty();
    }

    private static Stream<Path> markdownUnder(String folder) {
        try (Stream<Path> files = Files.walk(ROOT.resolve(folder))) {
            return files.filter(file -> file.toString().endsWith(".md"))
                    .filter(file -> !ROOT.resolve(folder).relativize(file).startsWith("target"))
                    .sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Markdown file's links and heading anchors, code blocks and code spans left out. */
    private record Markdown(List<String> links, Set<String> anchors) {

        static Markdown of(Path file) {
            List<String> links = new ArrayList<>();
            Set<String> anchors = new LinkedHashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            boolean inFence = false;
            for (String line : lines(file)) {
                if (FENCE.matcher(line).find()) {
                    inFence = !inFence;
                    continue;
                }
                if (inFence) {
                    continue;
                }
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    String anchor = anchor(heading.group(1));
                    int repeats = seen.merge(anchor, 1, Integer::sum) - 1;
                    anchors.add(repeats == 0 ? anchor : anchor + "-" + repeats);
                }
                Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
                while (link.find()) {
                    links.add(link.group(1));
                }
            }
            return new Markdown(links, anchors);
        }

        /** GitHub's id for a heading: its text in lower case, punctuation dropped, each space a hyphen. */
        static String anchor(String heading) {
            String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").replaceAll("[`*]", "");
            return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M}_\\- ]", "").replace(' ', '-');
        }

        private static List<String> lines(Path file) {
            try {
                return Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
