package io.hotbundle.console.internal;

import org.apache.felix.service.command.Converter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Lets Gogo commands take a bundle by id or by symbolic name ({@code stop 12}, {@code headers
 * io.hotbundle.api}). Gogo's own converter for this comes with its JLine shell, which the container does not
 * run (see {@link TerminalConsole}); without one, every command with a Bundle parameter fails.
 */
@Component
public final class BundleConverter implements Converter {

    private final BundleContext context;

    @Activate
    public BundleConverter(BundleContext context) {
        this.context = context;
    }

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        if (desiredType != Bundle.class) {
            return null;
        }
        String text = in.toString().trim();
        if (text.matches("\\d+")) {
            return context.getBundle(Long.parseLong(text));
        }
        for (Bundle bundle : context.getBundles()) {
            if (text.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        if (target instanceof Bundle bundle) {
            return level == Converter.LINE || level == Converter.PART
                    ? bundle.getSymbolicName() + " " + bundle.getVersion() + " (" + bundle.getBundleId() + ")"
                    : null;
        }
        return null;
    }
}
