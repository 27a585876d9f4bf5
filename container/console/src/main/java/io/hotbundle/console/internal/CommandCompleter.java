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

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginRegistry;

/**
 * Completes the first word of a line with the Gogo commands registered now, both as {@code scope:function}
 * and as plain {@code function}, and the word after a {@code hot:} command with the plugins deployed now.
 * Looked up at each completion, so what was swapped a moment ago is offered at once.
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
        if (line.wordIndex() == 0) {
            for (String command : commands()) {
                candidates.add(new Candidate(command));
            }
        } else if (line.wordIndex() == 1 && isHotCommand(line.words().get(0))) {
            for (String plugin : plugins()) {
                candidates.add(new Candidate(plugin));
            }
            candidates.add(new Candidate("all"));
        }
    }

    private boolean isHotCommand(String word) {
        return word.startsWith("hot:") || commands().contains("hot:" + word);
    }

    private List<String> plugins() {
        ServiceReference<PluginRegistry> reference = context.getServiceReference(PluginRegistry.class);
        PluginRegistry registry = reference == null ? null : context.getService(reference);
        if (registry == null) {
            return List.of();
        }
        try {
            return registry.plugins().stream().map(PluginInfo::symbolicName).toList();
        } finally {
            context.ungetService(reference);
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
