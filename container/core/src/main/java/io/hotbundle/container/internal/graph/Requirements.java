package io.hotbundle.container.internal.graph;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

import io.hotbundle.container.internal.artifacts.BundleHeaders;

/**
 * Requirements as filters, and filters in words: {@code package org.apache.commons.lang3 [3.12.0,4.0.0)} rather
 * than {@code (&(osgi.wiring.package=org.apache.commons.lang3)(version>=3.12.0)(!(version>=4.0.0)))}.
 */
public final class Requirements {

    private static final Pattern UPPER_EXCLUSIVE = Pattern.compile("\\(!\\((?:bundle-)?version>=([^)]+)\\)\\)");
    private static final Pattern UPPER_INCLUSIVE = Pattern.compile("\\((?:bundle-)?version<=([^)]+)\\)");
    private static final Pattern LOWER = Pattern.compile("\\((?:bundle-)?version>=([^)]+)\\)");
    private static final Pattern EXACT = Pattern.compile("\\((?:bundle-)?version=([^)]+)\\)");

    private Requirements() {
    }

    public static String filter(Requirement requirement) {
        return requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
    }

    /** Whether the framework needs it to resolve the bundle (not optional, not dynamic, not only when active). */
    public static boolean mandatory(Requirement requirement) {
        var directives = requirement.getDirectives();
        String effective = directives.getOrDefault(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE, Namespace.EFFECTIVE_RESOLVE);
        String resolution = directives.getOrDefault(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE,
                Namespace.RESOLUTION_MANDATORY);
        return Namespace.EFFECTIVE_RESOLVE.equals(effective) && Namespace.RESOLUTION_MANDATORY.equals(resolution);
    }

    /** The filter an Import-Package clause stands for. */
    static String filter(BundleHeaders.Import imported) {
        return "(&(" + PackageNamespace.PACKAGE_NAMESPACE + "=" + imported.pkg() + ")" + range("version", imported.range()) + ")";
    }

    /** The filter a Require-Bundle clause stands for. */
    static String filter(BundleHeaders.RequiredBundle required) {
        return "(&(" + BundleNamespace.BUNDLE_NAMESPACE + "=" + required.symbolicName() + ")"
                + range("bundle-version", required.range()) + ")";
    }

    private static String range(String attribute, org.osgi.framework.VersionRange range) {
        return range.toFilterString(attribute);
    }

    /** The requirement in words. */
    public static String describe(String namespace, String filter) {
        if (filter == null) {
            return namespace;
        }
        String subject = switch (namespace) {
            case PackageNamespace.PACKAGE_NAMESPACE -> "package " + value(filter, PackageNamespace.PACKAGE_NAMESPACE);
            case BundleNamespace.BUNDLE_NAMESPACE -> "bundle " + value(filter, BundleNamespace.BUNDLE_NAMESPACE);
            default -> null;
        };
        return subject == null ? namespace + " " + filter : subject + versions(filter);
    }

    private static String value(String filter, String attribute) {
        Matcher m = Pattern.compile("\\(" + Pattern.quote(attribute) + "=([^)]*)\\)").matcher(filter);
        return m.find() ? m.group(1) : "?";
    }

    private static String versions(String filter) {
        Matcher exact = EXACT.matcher(filter);
        if (exact.find()) {
            return " " + exact.group(1);
        }
        String upper = null;
        boolean inclusive = false;
        Matcher excl = UPPER_EXCLUSIVE.matcher(filter);
        if (excl.find()) {
            upper = excl.group(1);
            filter = excl.replaceAll("");
        } else {
            Matcher incl = UPPER_INCLUSIVE.matcher(filter);
            if (incl.find()) {
                upper = incl.group(1);
                inclusive = true;
            }
        }
        Matcher lower = LOWER.matcher(filter);
        String low = lower.find() ? lower.group(1) : null;
        if (low == null && upper == null) {
            return "";
        }
        if (upper == null) {
            return " " + low + " or later";
        }
        return " [" + (low == null ? "0.0.0" : low) + "," + upper + (inclusive ? "]" : ")");
    }
}
