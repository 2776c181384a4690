package com.pricefeed.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The settings of one service, in order, grouped by heading: what its documentation table and its {@code --help}
 * are rendered from, and what it logs at start (secrets masked).
 */
public record Settings(List<Group> groups) {

    private static final int NAME_COLUMN = 32;

    /** Settings under one heading. */
    public record Group(String heading, List<Setting<?>> settings) {
        public Group {
            settings = List.copyOf(settings);
        }
    }

    public Settings {
        groups = List.copyOf(groups);
    }

    public static Settings of(Group... groups) {
        return new Settings(List.of(groups));
    }

    public static Group group(String heading, Setting<?>... settings) {
        return new Group(heading, List.of(settings));
    }

    public List<Setting<?>> all() {
        return groups.stream().flatMap(group -> group.settings().stream()).toList();
    }

    /** The declaration of {@code variable}, a member of a family included. */
    public Optional<Setting<?>> find(String variable) {
        return all().stream().filter(setting -> setting.name().equals(variable)).findFirst()
                .or(() -> all().stream().filter(setting -> setting.declares(variable)).findFirst());
    }

    /** One markdown table of every setting, as docs/configuration.md shows it. */
    public String markdownTable() {
        StringBuilder table = new StringBuilder("| variable | default | allowed | meaning |\n| --- | --- | --- | --- |\n");
        for (Setting<?> setting : all()) {
            table.append("| `").append(setting.name()).append("` | ").append(setting.shownDefault()).append(" | ")
                    .append(setting.allowed()).append(" | ").append(setting.documentation()).append(" |\n");
        }
        return table.toString();
    }

    /** The lines of {@code --help} that list the settings under their headings, wrapped at {@code width}. */
    public List<String> helpLines(int width) {
        List<String> lines = new ArrayList<>();
        for (Group group : groups) {
            lines.add(group.heading() + ":");
            for (Setting<?> setting : group.settings()) {
                lines.addAll(helpEntry(setting, width));
            }
        }
        return lines;
    }

    /** Every setting's value as read from {@code env}, secrets masked: what a service logs at start. */
    public String describe(Env env) {
        return all().stream().map(setting -> setting.name() + "=" + setting.shown(setting.read(env)))
                .collect(Collectors.joining(", "));
    }

    private static List<String> helpEntry(Setting<?> setting, int width) {
        String bracket = plain(setting.shownDefault()) + (setting.allowed().isEmpty() ? "" : "; " + setting.allowed());
        List<String> text = wrap(plain(setting.documentation()) + " [" + bracket + "]", width - NAME_COLUMN);
        List<String> lines = new ArrayList<>();
        String name = "  " + setting.name();
        if (name.length() >= NAME_COLUMN) {
            lines.add(name);
            name = "";
        }
        for (String line : text) {
            lines.add(name + " ".repeat(NAME_COLUMN - name.length()) + line);
            name = "";
        }
        return lines;
    }

    /** What an option's help adds about the {@code setting} it falls back to: the variable and its default. */
    public static String fallback(Setting<?> setting) {
        return " Env: " + setting.name() + ". Default: " + plain(setting.shownDefault()) + ".";
    }

    /** Markdown to plain text: links keep their text, code and emphasis marks go. */
    public static String plain(String markdown) {
        return markdown.replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1").replace("`", "").replace("*", "");
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
