package io.hotbundle.container.internal.leaks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.Set;

/**
 * A plugin version in a class loader of its own, as a bundle's is: {@link FakePlugin} defined again from its class
 * file, and the {@link LeakWatch.Retiring} the container would have noted when swapping it out.
 */
final class RetiredPlugin extends ClassLoader {

    private static final String NAME = FakePlugin.class.getName();

    RetiredPlugin() {
        super("retired-plugin", RetiredPlugin.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.equals(NAME)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded != null) {
                return loaded;
            }
            try (InputStream in = getParent().getResourceAsStream(NAME.replace('.', '/') + ".class")) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

    /** A new instance of the plugin's class. */
    Runnable newPlugin() throws ReflectiveOperationException {
        return (Runnable) loadClass(NAME).getConstructor().newInstance();
    }

    LeakWatch.Retiring retiring() {
        return new LeakWatch.Retiring("com.acme.plugin", "1.0.0", new WeakReference<>(this), Set.of(NAME),
                Long.MAX_VALUE);
    }
}
