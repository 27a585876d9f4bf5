package io.hotbundle.dev.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * Records which class files each source produced, so that an incremental compile can delete the classes of a
 * source before putting its new ones in place (a renamed nested class must not outlive its source).
 */
final class TrackingFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {

    /** Output files of this compile, by source file. */
    final Map<Path, Set<Path>> outputsBySource = new HashMap<>();

    TrackingFileManager(StandardJavaFileManager files) {
        super(files);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
            FileObject sibling) throws IOException {
        JavaFileObject output = super.getJavaFileForOutput(location, className, kind, sibling);
        if (sibling != null && "file".equals(sibling.toUri().getScheme())) {
            outputsBySource.computeIfAbsent(Path.of(sibling.toUri()).normalize(), s -> new HashSet<>())
                    .add(Path.of(output.toUri()).normalize());
        }
        return output;
    }
}
