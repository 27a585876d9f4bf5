package io.hotbundle.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident memory as Linux counts it ({@code /proc/<pid>/status}): now ({@code VmRSS}) and its peak
 * ({@code VmHWM}), which {@link #resetPeak} sets back to now, so that the peak of one operation can be read
 * exactly rather than sampled.
 */
final class ResidentMemory {

    private final long pid;

    ResidentMemory(long pid) {
        this.pid = pid;
    }

    /** Resident memory now, in MiB. */
    long nowMib() throws IOException {
        return field("VmRSS:");
    }

    /** The most resident memory since the start or the last {@link #resetPeak}, in MiB. */
    long peakMib() throws IOException {
        return field("VmHWM:");
    }

    /** Sets the peak back to the resident memory now (Linux 4.0 and later; the owner of the process may). */
    void resetPeak() throws IOException {
        Files.writeString(Path.of("/proc", String.valueOf(pid), "clear_refs"), "5");
    }

    private long field(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).replace("kB", "").strip()) / 1024;
            }
        }
        throw new IOException("no " + name + " in /proc/" + pid + "/status");
    }
}
