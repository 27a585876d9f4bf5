package io.hotbundle.dev.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;

/**
 * What other classes can see of each type compiled: its non-private members' signatures and constant values,
 * taken from the compiler's own model as it analyses each class. An incremental compile that leaves every
 * fingerprint unchanged cannot break the classes it did not recompile; one that changes a fingerprint (a new
 * parameter, a changed constant, which other classes inline) is followed by a full compile.
 */
final class ApiFingerprints implements TaskListener {

    /** Fingerprints of the top-level types analysed in this compile, by qualified name. */
    final Map<String, String> byType = new HashMap<>();
    /** The top-level types of each source file analysed in this compile. */
    final Map<Path, Set<String>> typesBySource = new HashMap<>();

    @Override
    public void finished(TaskEvent event) {
        if (event.getKind() != TaskEvent.Kind.ANALYZE || event.getTypeElement() == null) {
            return;
        }
        TypeElement type = event.getTypeElement();
        String name = type.getQualifiedName().toString();
        var text = new StringBuilder();
        append(type, text);
        byType.put(name, text.toString());
        Path source = Path.of(event.getSourceFile().toUri()).normalize();
        typesBySource.computeIfAbsent(source, s -> new HashSet<>()).add(name);
    }

    private static void append(TypeElement type, StringBuilder text) {
        text.append(type.getKind()).append(' ').append(type.getModifiers()).append(' ').append(type.getQualifiedName())
                .append(type.getTypeParameters()).append(" : ").append(type.getSuperclass()).append(' ')
                .append(type.getInterfaces()).append('\n');
        for (Element member : type.getEnclosedElements()) {
            if (member.getModifiers().contains(Modifier.PRIVATE)) {
                continue;
            }
            if (member instanceof TypeElement nested) {
                append(nested, text);
                continue;
            }
            text.append(member.getKind()).append(' ').append(member.getModifiers()).append(' ')
                    .append(member.getSimpleName()).append(' ').append(member.asType());
            if (member instanceof VariableElement field && field.getConstantValue() != null) {
                text.append(" = ").append(field.getConstantValue());
            }
            if (member instanceof ExecutableElement method) {
                text.append(" throws ").append(method.getThrownTypes()).append(" default ")
                        .append(method.getDefaultValue());
            }
            text.append('\n');
        }
    }
}
