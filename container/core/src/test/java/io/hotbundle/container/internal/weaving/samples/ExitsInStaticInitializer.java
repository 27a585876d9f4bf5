package io.hotbundle.container.internal.weaving.samples;

/** Ends the JVM as soon as the class is used, unless woven. */
public final class ExitsInStaticInitializer {

    public static final int VALUE;

    static {
        int v = Integer.getInteger("hotbundle.sample.value", 1);
        if (v > 0) {
            System.exit(11);
        }
        VALUE = v;
    }

    private ExitsInStaticInitializer() {
    }
}
