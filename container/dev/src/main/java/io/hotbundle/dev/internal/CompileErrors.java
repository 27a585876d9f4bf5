package io.hotbundle.dev.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** The compiler's errors as the console shows them: one {@code file:line: message} line each. */
final class CompileErrors {

    /** One error: where, and the compiler's message on one line. */
    record Error(Path file, long line, String message) {

        @Override
        public String toString() {
            return Folders.display(file) + ":" + line + ": " + message;
        }
    }

    private CompileErrors() {
    }

    static List<Error> of(PluginModule module, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(d -> {
            Path file = d.getSource() != null && "file".equals(d.getSource().toUri().getScheme())
                    ? Path.of(d.getSource().toUri()) : module.pom();
            return new Error(file, Math.max(0, d.getLineNumber()), oneLine(d.getMessage(Locale.ROOT)));
        }).toList();
    }

    /** "cannot find symbol\n  symbol: variable x" becomes "cannot find symbol (symbol: variable x)". */
    private static String oneLine(String message) {
        List<String> lines = message.lines().map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty())
                .toList();
        if (lines.size() <= 1) {
            return lines.isEmpty() ? "" : lines.get(0);
        }
        return lines.get(0) + " (" + lines.stream().skip(1).collect(Collectors.joining(", ")) + ")";
    }
}
