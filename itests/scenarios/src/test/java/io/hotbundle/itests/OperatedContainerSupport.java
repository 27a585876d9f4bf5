package io.hotbundle.itests;

import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.FrameworkPropertyOption;
import org.osgi.service.cm.ConfigurationAdmin;

import io.hotbundle.logging.internal.xml.LogbackXml;

/**
 * The container as an operator runs it: the base runtime plus logging (Pax Logging on Logback, started from the
 * same Logback file the launcher writes), metrics, health checks, and the HTTP server with the web console,
 * which stays closed until a test configures {@code io.hotbundle.http}. These tests run in a JVM of their own
 * (the pom's {@code operations} execution), where Pax Exam provisions no Pax Logging of its own.
 */
public abstract class OperatedContainerSupport extends ContainerTestSupport {

    protected static final String PASSWORD = "it-s3cret-pw";

    @Override
    @Configuration
    public Option[] configuration() throws IOException {
        var options = new ArrayList<>(List.of(super.configuration()));
        Path work = Path.of(options.stream().filter(FrameworkPropertyOption.class::isInstance)
                .map(FrameworkPropertyOption.class::cast).filter(o -> o.getKey().equals("hotbundle.work"))
                .findFirst().orElseThrow().getValue().toString());
        Path log = Files.createDirectories(work.resolve("log"));
        Path boot = Files.writeString(log.resolve("logback-boot.xml"), LogbackXml.defaults(log));
        options.add(0, CoreOptions.composite(
                frameworkProperty("org.ops4j.pax.logging.property.file").value(boot.toString()),
                frameworkProperty("org.ops4j.pax.logging.skipJUL").value("true"),
                frameworkProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                frameworkProperty("org.ops4j.pax.logging.logReaderEnabled").value("false"),
                frameworkProperty("org.ops4j.pax.logging.eventAdminEnabled").value("false"),
                frameworkProperty("org.apache.felix.http.require.config").value("true"),
                // Pax Exam's own Pax Logging is off for these tests (pax.exam.logging=none, see the pom): the
                // container's comes instead.
                runtime("org.ops4j.pax.logging", "pax-logging-api"),
                runtime("org.ops4j.pax.logging", "pax-logging-logback")));
        options.add(CoreOptions.composite(
                runtime("org.osgi", "org.osgi.service.event"),
                runtime("org.apache.felix", "org.apache.felix.healthcheck.api"),
                runtime("org.apache.felix", "org.apache.felix.healthcheck.core"),
                runtime("org.apache.felix", "org.apache.felix.http.servlet-api"),
                runtime("org.osgi", "org.osgi.service.servlet"),
                runtime("org.apache.felix", "org.apache.felix.http.jetty12"),
                runtime("commons-io", "commons-io"),
                runtime("commons-fileupload", "commons-fileupload"),
                runtime("org.apache.felix", "org.apache.felix.inventory"),
                runtime("org.owasp.encoder", "encoder"),
                runtime("org.apache.felix", "org.apache.felix.webconsole"),
                reactorBundle("hotbundle.bundle.logging"),
                reactorBundle("hotbundle.bundle.metrics"),
                reactorBundle("hotbundle.bundle.health"),
                reactorBundle("hotbundle.bundle.http"),
                reactorBundle("hotbundle.bundle.web")));
        return options.toArray(Option[]::new);
    }

    private static Option runtime(String groupId, String artifactId) {
        return mavenBundle(groupId, artifactId).versionAsInProject();
    }

    /** The work folder's log file, where every line goes. */
    protected Path logFile() {
        return Path.of(context.getProperty("hotbundle.work"), "log", "hotbundle.log");
    }

    /** Runs a command line as a console does; returns its printed output and formatted result. */
    protected String run(String line) throws Exception {
        var processor = context.getService(context.getServiceReference(CommandProcessor.class));
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(System.in, out, out)) {
            Object result = session.execute(line);
            if (result != null) {
                out.print(session.format(result, Converter.INSPECT));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Sets one configuration's properties (replacing what it had) through ConfigAdmin. */
    protected void configureExactly(String pid, Map<String, Object> properties) throws IOException {
        var admin = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        admin.getConfiguration(pid, "?").update(new Hashtable<>(properties));
    }

    /** Turns HTTP on at a free loopback port with the test's console password; returns the port. */
    protected int httpOn() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        configureExactly("io.hotbundle.http", Map.of("http.port", port, "console.password", PASSWORD));
        return port;
    }
}
