package io.hotbundle.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A snapshot of one bundle the container hosts (a plugin, a library, or a bundle that is both), as
 * {@link PluginRegistry} reports it. Nothing returned changes afterwards.
 *
 * <p>Implemented by the container. An interface rather than a record so that it can grow in minor versions:
 * consumers call its methods, they never implement it.
 */
@ProviderType
public interface PluginInfo {

    /** What a hosted bundle is to the others, from what it offers now. */
    enum Kind {
        /** Offers services (or runs code of its own) and exports no package: what hosts call. */
        PLUGIN,
        /** Exports packages and registers no service: an API or a library that others are wired to. */
        LIBRARY,
        /** Exports packages and registers services. */
        BOTH
    }

    /**
     * The bundle's name in the container, unique among the hosted bundles: its symbolic name, or, for a library
     * version installed beside another version of the same library, {@code symbolicName@major}. Every method
     * of the container that takes a plugin takes this name.
     */
    String name();

    /** The {@code Bundle-SymbolicName} of the version installed now. */
    String symbolicName();

    /** The {@code Bundle-Version} of the version installed now. */
    String version();

    /** What the bundle offers now: services, packages, or both. */
    Kind kind();

    /**
     * Where the installed version came from, for people: {@code deploy/greeter.jar} for a file of the deploy
     * folder; other sources name themselves.
     */
    String origin();

    /** The file the installed version was read from, when it came from a file. */
    Optional<Path> file();

    /** The SHA-256 of the installed version's bytes, in hex: two equal digests are the same build. */
    String digest();

    /** The framework's bundle id; stable across swaps, new only when a stuck version had to be left behind. */
    long bundleId();

    /** What the bundle is doing now. */
    PluginStatus status();

    /**
     * How many times the bundle has been (re)started by the container: 1 after its first start, plus one for
     * every successful swap of it or of a library it is wired to. 0 while it never served.
     */
    long generation();

    /** When the bundle last changed status. */
    Instant since();

    /** Why the bundle is not serving, or what is wrong now, as one line; empty when all is well. */
    Optional<String> problem();

    /** The names of the hosted bundles (and the container's API) this one is wired to, sorted. */
    List<String> uses();

    /** The names of the hosted bundles wired to this one, sorted: who would restart if it were swapped. */
    List<String> usedBy();

    /**
     * What a {@link PluginStatus#WAITING} bundle waits for, one requirement per entry, for example
     * {@code package org.apache.commons.lang3 [3.12.0,4.0.0)}; empty otherwise.
     */
    List<String> waitingFor();
}
