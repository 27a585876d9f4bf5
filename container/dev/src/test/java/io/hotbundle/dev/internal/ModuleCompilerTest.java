package io.hotbundle.dev.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleCompilerTest {

    @TempDir
    Path folder;

    private Path sources;
    private PluginModule module;
    private ModuleCompiler compiler;

    @BeforeEach
    void module() throws Exception {
        sources = Files.createDirectories(folder.resolve("src/main/java/p"));
        write("Words.java", "package p; public final class Words { public static final String WORD = \"Hello\"; }");
        write("Greeter.java", "package p; public final class Greeter { public String greet() { return Words.WORD; } }");
        write("Other.java", "package p; final class Other { int answer() { return 42; } }");
        module = new PluginModule(folder, folder, "g", "a", "1.0.0-SNAPSHOT", "a", Map.of(),
                Map.of("maven.compiler.release", "17"), folder.resolve("src/main/java"), List.of(),
                folder.resolve("target/classes"), folder.resolve("target/hotbundle-dev"), List.of(),
                List.of(folder.resolve("pom.xml")));
        compiler = new ModuleCompiler(ToolProvider.getSystemJavaCompiler(), module);
        compiler.classpath(List.of());
        assertTrue(compiler.compile(Set.of(), false).ok());
    }

    @AfterEach
    void close() {
        compiler.close();
    }

    @Test
    void aChangedMethodBodyRecompilesThatSourceOnly() throws Exception {
        Path greeter = write("Greeter.java", "package p; public final class Greeter { public String greet() { "
                + "return Words.WORD + \"!\"; } }");

        ModuleCompiler.Result result = compiler.compile(Set.of(greeter), false);

        assertTrue(result.ok());
        assertEquals(1, result.compiled());
        assertFalse(result.apiChanged());
    }

    @Test
    void aChangedConstantRecompilesEverySourceSinceOthersInlineIt() throws Exception {
        Path words = write("Words.java", "package p; public final class Words { public static final String WORD = \"Ahoy\"; }");

        ModuleCompiler.Result result = compiler.compile(Set.of(words), false);

        assertTrue(result.ok());
        assertEquals(3, result.compiled());
        assertTrue(result.apiChanged());
        String greeter = new String(Files.readAllBytes(module.classes().resolve("p/Greeter.class")),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(greeter.contains("Ahoy"), "the constant inlined into the class that uses it");
    }

    @Test
    void aCompileErrorLeavesTheLastGoodClassesAndSaysWhere() throws Exception {
        byte[] before = Files.readAllBytes(module.classes().resolve("p/Greeter.class"));
        Path greeter = write("Greeter.java", "package p; public final class Greeter {\n public String greet() { "
                + "return Word.WORD; } }");

        ModuleCompiler.Result result = compiler.compile(Set.of(greeter), false);

        assertFalse(result.ok());
        assertEquals(1, result.errors().size());
        assertEquals(2, result.errors().get(0).line());
        assertTrue(result.errors().get(0).message().startsWith("cannot find symbol (symbol: variable Word"),
                result.errors().get(0).message());
        assertArrayEquals(before, Files.readAllBytes(module.classes().resolve("p/Greeter.class")));
    }

    @Test
    void aDeletedClassFailsTheClassesThatUseItNow() throws Exception {
        Path words = sources.resolve("Words.java");
        Files.delete(words);

        ModuleCompiler.Result result = compiler.compile(Set.of(words), false);

        assertFalse(result.ok(), "Greeter still uses Words");
        assertTrue(result.errors().get(0).file().endsWith("Greeter.java"));
    }

    @Test
    void aRemovedNestedClassLeavesNoClassFileBehind() throws Exception {
        Path other = write("Other.java", "package p; final class Other { static final class Inner { } }");
        assertTrue(compiler.compile(Set.of(other), false).ok());
        assertTrue(Files.exists(module.classes().resolve("p/Other$Inner.class")));

        write("Other.java", "package p; final class Other { }");
        assertTrue(compiler.compile(Set.of(other), false).ok());

        assertFalse(Files.exists(module.classes().resolve("p/Other$Inner.class")));
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(sources.resolve(name), text);
    }
}
