package io.hotbundle.shell.internal;

import java.util.Comparator;
import java.util.List;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginRegistry;

/**
 * Turns what an operator typed into a plugin's symbolic name: the full name, or a unique last part of it
 * ({@code greeter} for {@code io.hotbundle.example.greeter}), or a unique part anywhere. Anything else is one
 * line that says so and names the closest plugins.
 */
final class PluginNames {

    private PluginNames() {
    }

    /** The hosted bundle the operator means by {@code typed}; a one-line error when none or several. */
    static PluginInfo find(PluginRegistry registry, String typed) {
        List<String> known = registry.plugins().stream().map(PluginInfo::name).toList();
        return registry.plugin(resolve(typed, known)).orElseThrow(
                () -> new IllegalArgumentException("no plugin '" + shown(typed) + "'"));
    }

    static String resolve(String typed, List<String> known) {
        if (known.contains(typed)) {
            return typed;
        }
        if (typed.chars().noneMatch(Character::isLetterOrDigit)) {
            // "" and "." are part of every name: taken as a part, they would pick whichever plugin is alone.
            throw new IllegalArgumentException("'" + shown(typed) + "' names no plugin; give its symbolic name or a "
                    + "part of it");
        }
        List<String> bySuffix = known.stream().filter(n -> n.endsWith("." + typed)).toList();
        if (bySuffix.size() == 1) {
            return bySuffix.get(0);
        }
        List<String> byPart = known.stream().filter(n -> n.contains(typed)).toList();
        if (byPart.size() == 1 && bySuffix.isEmpty()) {
            return byPart.get(0);
        }
        if (bySuffix.size() > 1 || byPart.size() > 1) {
            List<String> matches = bySuffix.size() > 1 ? bySuffix : byPart;
            throw new IllegalArgumentException("'" + shown(typed) + "' matches several plugins: "
                    + String.join(", ", matches));
        }
        List<String> closest = known.stream()
                .sorted(Comparator.comparingInt((String n) -> distance(typed, lastPart(n)))
                        .thenComparingInt(n -> distance(typed, n)))
                .limit(3).toList();
        throw new IllegalArgumentException("no plugin '" + shown(typed) + "'"
                + (closest.isEmpty() ? "; no plugins are deployed" : "; closest: " + String.join(", ", closest)));
    }

    /** What was typed, as an error line may repeat it: without control characters, and cut when long. */
    private static String shown(String typed) {
        String clean = typed.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 77) + "..." : clean;
    }

    private static String lastPart(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** Levenshtein distance: how many single-character edits turn one word into the other. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
