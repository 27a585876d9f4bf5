package io.hotbundle.container.internal.weaving.samples;

/** An interface whose default method ends the JVM, unless woven: the stand-in is added to the interface. */
public interface ExitsInDefaultMethod {

    default void stop(int status) {
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** An implementation, so that the default method can be called. */
    final class Impl implements ExitsInDefaultMethod {
    }
}
