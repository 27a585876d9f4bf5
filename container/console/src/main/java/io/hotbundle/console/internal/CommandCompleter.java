package io.hotbundle.console.internal;

import java.util.List;
import java.util.TreeSet;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Completes the first word of a line with the Gogo commands registered now, both as {@code scope:function}
 * and as plain {@code function}. Looked up at each completion, so commands of a plugin swapped a moment ago
 * are offered at once.
 */
final class CommandCompleter implements Completer {

    private static final String SCOPE = "osgi.command.scope";
    private static final String FUNCTION = "osgi.command.function";

    private final BundleContext context;

    CommandCompleter(BundleContext context) {
        this.context = context;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() != 0) {
            return;
        }
        for (String command : commands()) {
            candidates.add(new Candidate(command));
        }
    }

    private TreeSet<String> commands() {
        var commands = new TreeSet<String>();
        ServiceReference<?>[] references;
        try {
            references = context.getAllServiceReferences(null, "(" + SCOPE + "=*)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (references == null) {
            return commands;
        }
        for (ServiceReference<?> reference : references) {
            Object scope = reference.getProperty(SCOPE);
            for (String function : functions(reference.getProperty(FUNCTION))) {
                commands.add(scope + ":" + function);
                commands.add(function);
            }
        }
        return commands;
    }

    private static List<String> functions(Object property) {
        if (property instanceof String[] array) {
            return List.of(array);
        }
        return property == null ? List.of() : List.of(property.toString());
    }
}
