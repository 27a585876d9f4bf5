package io.hotbundle.container.internal.weaving;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites a class so that its calls to {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} throw
 * instead of ending the JVM: the rewrite itself is {@link ExitCallRewriter}; this decides whether a class needs
 * it at all, cheaply, since it runs for every class a plugin loads.
 */
final class ExitCalls {

    private static final byte[][] METHOD_NAMES = {utf8Entry("exit"), utf8Entry("halt")};

    private ExitCalls() {
    }

    /**
     * @param classFile the class as its bundle holds it
     * @param plugin    who the class belongs to, for the message: {@code "com.acme.plugin 1.0.0"}
     * @return the rewritten class, or null when it calls none of the three (it is then left as it is)
     * @throws IllegalArgumentException when the class cannot be read (a class file version newer than ASM knows)
     *                                  or cannot be rewritten (an interface older than Java 8)
     */
    static byte[] refused(byte[] classFile, String plugin) {
        if (!mentionsAnExitMethod(classFile)) {
            return null;
        }
        var reader = new ClassReader(classFile);
        var writer = new ClassWriter(reader, 0);
        var rewriter = new ExitCallRewriter(writer, plugin);
        reader.accept(rewriter, 0);
        return rewriter.rewrote() ? writer.toByteArray() : null;
    }

    /**
     * Rewrites a class that calls {@code System.exit} and fails unless the call was replaced. Run before the hook
     * is registered: it proves the rewrite works here, and loads every class the hook needs, so that none is
     * loaded (and woven) while the hook weaves.
     */
    static void selfCheck() {
        var writer = new ClassWriter(0);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "hotbundle/SelfCheck", null,
                "java/lang/Object", null);
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_STATIC, "run", "()V", null, null);
        method.visitCode();
        method.visitInsn(Opcodes.ICONST_0);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "exit", "(I)V", false);
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(1, 0);
        method.visitEnd();
        writer.visitEnd();
        byte[] rewritten = refused(writer.toByteArray(), "self-check");
        var calls = new java.util.ArrayList<String>();
        new ClassReader(rewritten).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String called, String desc, boolean itf) {
                        calls.add(owner + "." + called);
                    }
                };
            }
        }, 0);
        if (calls.contains("java/lang/System.exit")) {
            throw new IllegalStateException("the rewrite of System.exit does not work here: " + calls);
        }
    }

    /**
     * Whether the constant pool holds the name {@code exit} or {@code halt}, which any call to them (or method
     * reference) needs: most classes do not, and are passed on without being parsed.
     */
    static boolean mentionsAnExitMethod(byte[] classFile) {
        for (byte[] name : METHOD_NAMES) {
            outer:
            for (int i = 10; i <= classFile.length - name.length; i++) {
                for (int j = 0; j < name.length; j++) {
                    if (classFile[i + j] != name[j]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** A CONSTANT_Utf8 entry as the class file holds it: tag 1, a two-byte length, the (ASCII) bytes. */
    private static byte[] utf8Entry(String ascii) {
        byte[] entry = new byte[3 + ascii.length()];
        entry[0] = 1;
        entry[2] = (byte) ascii.length();
        for (int i = 0; i < ascii.length(); i++) {
            entry[3 + i] = (byte) ascii.charAt(i);
        }
        return entry;
    }
}
