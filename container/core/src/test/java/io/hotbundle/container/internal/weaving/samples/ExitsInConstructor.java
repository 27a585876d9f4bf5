package io.hotbundle.container.internal.weaving.samples;

/** Ends the JVM when made, unless woven: a DS component that exits in its activation. */
public final class ExitsInConstructor {

    private final String name;

    public ExitsInConstructor(String name) {
        this.name = name == null ? "none" : name;
        if (!this.name.isEmpty()) {
            Runtime.getRuntime().halt(12);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
