package io.hotbundle.itests.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.Test;

import io.hotbundle.itests.TestJars;

/**
 * {@code ./hotbundle} as a user starts it: time to the ready line (ten starts, headless, one plugin deployed),
 * then, on one that has settled, resident memory and CPU use over thirty idle seconds with the default settings
 * (the folder watched by events, FileInstall listing it once a second), and which threads used that CPU.
 *
 * <p>Idle means after start-up: the JIT goes on compiling start-up code for some seconds after the ready line
 * (about 0.9 to 1.1 % of a core in the first 5 to 15 seconds here), so the window opens 30 seconds after it.
 * CPU is read twice: as the process's clock ticks (10 ms each, comparable with earlier runs) and as the sum of
 * its threads' exact CPU time (schedstat), which also names the busiest threads. Linux only: it reads /proc.
 * For a quick look, {@code -Dhotbundle.bench.starts}, {@code .idle.settle} and {@code .idle.seconds} shorten it.
 */
public class StartupAndIdleBenchmark {

    private static final Pattern READY = Pattern.compile("hotbundle ready in (\\d+) ms.*");
    private static final int STARTS = Integer.getInteger("hotbundle.bench.starts", 10);
    private static final long IDLE_SETTLE_SECONDS = Long.getLong("hotbundle.bench.idle.settle", 30);
    private static final long IDLE_SECONDS = Long.getLong("hotbundle.bench.idle.seconds", 30);

    @Test
    public void startToReadyThenIdleMemoryAndCpu() throws Exception {
        Path scratch = Files.createDirectories(Path.of(System.getProperty("hotbundle.scratch", "target/scratch")));
        Path deploy = Files.createTempDirectory(scratch, "idle-deploy-");
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.greeter"), deploy, "greeter.jar");
        long[] jvmMillis = new long[STARTS];
        long[] wallMicros = new long[STARTS];
        for (int i = 0; i < STARTS; i++) {
            Path work = Files.createTempDirectory(scratch, "idle-work-");
            long started = System.nanoTime();
            Process process = start(deploy, work);
            jvmMillis[i] = awaitReady(process);
            wallMicros[i] = (System.nanoTime() - started) / 1000;
            if (i < STARTS - 1) {
                stop(process);
            } else {
                idle(process);
            }
        }
        idleJvmAlone();
        Results.samples("startup-to-ready-wall", wallMicros);
        long[] jvm = new long[STARTS];
        for (int i = 0; i < STARTS; i++) {
            jvm[i] = jvmMillis[i] * 1000;
        }
        Results.samples("startup-to-ready-jvm", jvm);
    }

    /**
     * The floor: a JVM of the same java with the same settings that only sleeps, measured the same way, since
     * "idle" cannot go below what the JVM's own housekeeping threads cost on this machine. The same settings: the
     * JVM options the hotbundle script gives the container for its idle cost and its memory, each only to the Java
     * versions the script gives it to (a removed option would stop this JVM from starting); the version is this
     * JVM's, whose java the floor runs.
     */
    private static void idleJvmAlone() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classes = Path.of(IdleJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        var command = new ArrayList<>(List.of(java));
        int feature = Runtime.version().feature();
        if (feature <= 24) {
            command.add("-XX:PerfDataSamplingInterval=1000");
        }
        if (feature <= 19) {
            command.add("-XX:G1ConcRefinementServiceIntervalMillis=1000");
        }
        if (feature <= 25) {
            command.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:AsyncDeflationInterval=1000"));
        }
        if (feature == 17 && Runtime.version().update() >= 15 || feature >= 22 && feature <= 25) {
            command.add("-XX:TrimNativeHeapInterval=30000");
        }
        command.addAll(List.of("-cp", classes, IdleJvm.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        idle(process, "idle-jvm-alone");
    }

    /** Sleeps: the JVM alone, for {@link #idleJvmAlone}. */
    public static final class IdleJvm {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static void idle(Process process) throws Exception {
        idle(process, "idle");
    }

    private static void idle(Process process, String name) throws Exception {
        long pid = process.pid();
        TimeUnit.SECONDS.sleep(IDLE_SETTLE_SECONDS);
        long ticksBefore = cpuTicks(pid);
        Map<String, Long> threadsBefore = threadNanos(pid);
        long before = System.nanoTime();
        TimeUnit.SECONDS.sleep(IDLE_SECONDS);
        long ticks = cpuTicks(pid) - ticksBefore;
        Map<String, Long> threads = threadNanos(pid);
        long nanos = System.nanoTime() - before;
        double seconds = nanos / 1e9;
        long rssKb = rssKb(pid);
        stop(process);
        // Which threads used it, to the nanosecond (ticks are 10 ms): the busiest first (JIT, GC, watchers...).
        Map<String, Long> used = new HashMap<>();
        threads.forEach((thread, total) -> used.put(thread, total - threadsBefore.getOrDefault(thread, 0L)));
        long usedNanos = used.values().stream().mapToLong(Long::longValue).sum();
        String busiest = used.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> e.getKey() + " " + String.format("%.3f", 100.0 * e.getValue() / nanos))
                .collect(Collectors.joining(", "));
        Results.figures(name, "rss.mb=" + rssKb / 1024, String.format("cpu.percent.of.one.core=%.2f",
                ticks / 100.0 / seconds * 100), String.format("cpu.percent.of.one.core.by.threads=%.3f",
                100.0 * usedNanos / nanos), "seconds=" + Math.round(seconds), "busiest.threads.percent=" + busiest);
    }

    private static Process start(Path deploy, Path work) throws Exception {
        var command = new ArrayList<>(List.of("bash", System.getProperty("hotbundle.script"), "--no-console",
                "--deploy", deploy.toString(), "--work", work.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static long awaitReady(Process process) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    Matcher m = READY.matcher(line);
                    if (m.matches()) {
                        // Keep draining, so a full pipe never blocks the container.
                        Thread drain = new Thread(() -> reader.lines().forEach(l -> { }));
                        drain.setDaemon(true);
                        drain.start();
                        return Long.parseLong(m.group(1));
                    }
                }
                throw new IllegalStateException("the container exited before its ready line");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return ready.get(60, TimeUnit.SECONDS);
    }

    private static void stop(Process process) throws Exception {
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** utime + stime of a process, in clock ticks (100 per second on Linux). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** CPU time of each thread of a process (from its schedstat, in nanoseconds), by "name (tid)". */
    private static Map<String, Long> threadNanos(long pid) throws IOException {
        Map<String, Long> nanos = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    long onCpu = Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                    nanos.put(name + " (" + task.getFileName() + ")", onCpu);
                } catch (IOException e) {
                    // The thread ended meanwhile.
                }
            }
        }
        return nanos;
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
