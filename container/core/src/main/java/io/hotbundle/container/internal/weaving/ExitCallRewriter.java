package io.hotbundle.container.internal.weaving;

import static org.objectweb.asm.Opcodes.ACC_INTERFACE;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SYNTHETIC;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASM9;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.ATHROW;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.H_INVOKESTATIC;
import static org.objectweb.asm.Opcodes.H_INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.NEW;
import static org.objectweb.asm.Opcodes.V1_8;

import java.util.EnumSet;
import java.util.Set;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;

/**
 * Points every call to {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} in a class, and every
 * method reference to them, at a private static method that it adds to the class, which logs the attempt and
 * throws a {@link SecurityException} naming the plugin: the caller's activation fails like any exception.
 *
 * <p>A call is replaced by a call with the same operands and result, so no instruction moves, no stack height
 * changes and every stack map frame of the class stays true; the added methods have no branches, so they need
 * none. The added methods use only {@code java.lang}, which every bundle sees.
 */
final class ExitCallRewriter extends ClassVisitor {

    /** The three ways to end the JVM, and the method that stands in for each. */
    private enum Exit {
        SYSTEM_EXIT("java/lang/System", "exit", "(I)V", "System.exit"),
        RUNTIME_EXIT("java/lang/Runtime", "exit", "(Ljava/lang/Runtime;I)V", "Runtime.exit"),
        RUNTIME_HALT("java/lang/Runtime", "halt", "(Ljava/lang/Runtime;I)V", "Runtime.halt");

        final String owner;
        final String name;
        final String standInDescriptor;
        final String shown;

        Exit(String owner, String name, String standInDescriptor, String shown) {
            this.owner = owner;
            this.name = name;
            this.standInDescriptor = standInDescriptor;
            this.shown = shown;
        }

        String standInName() {
            return "hotbundle$refused$" + name();
        }

        static Exit of(int opcode, String owner, String name, String descriptor) {
            if (!"(I)V".equals(descriptor)) {
                return null;
            }
            for (Exit exit : values()) {
                boolean call = exit == SYSTEM_EXIT ? opcode == INVOKESTATIC || opcode == H_INVOKESTATIC
                        : opcode == INVOKEVIRTUAL || opcode == H_INVOKEVIRTUAL;
                if (call && exit.owner.equals(owner) && exit.name.equals(name)) {
                    return exit;
                }
            }
            return null;
        }
    }

    private final String plugin;
    private final Set<Exit> used = EnumSet.noneOf(Exit.class);
    private String className;
    private boolean isInterface;
    private int version;

    ExitCallRewriter(ClassVisitor next, String plugin) {
        super(ASM9, next);
        this.plugin = plugin;
    }

    boolean rewrote() {
        return !used.isEmpty();
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        this.className = name;
        this.version = version;
        this.isInterface = (access & ACC_INTERFACE) != 0;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
        return new MethodVisitor(ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {

            @Override
            public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                Exit exit = Exit.of(opcode, owner, method, desc);
                if (exit == null) {
                    super.visitMethodInsn(opcode, owner, method, desc, itf);
                } else {
                    super.visitMethodInsn(INVOKESTATIC, className, standIn(exit), exit.standInDescriptor, isInterface);
                }
            }

            @Override
            public void visitInvokeDynamicInsn(String method, String desc, Handle bootstrap, Object... arguments) {
                super.visitInvokeDynamicInsn(method, desc, (Handle) constant(bootstrap), constants(arguments));
            }

            @Override
            public void visitLdcInsn(Object value) {
                super.visitLdcInsn(constant(value));
            }
        };
    }

    /** A constant with each method handle to an exit method pointed at its stand-in (method references). */
    private Object constant(Object value) {
        if (value instanceof Handle handle) {
            Exit exit = Exit.of(handle.getTag(), handle.getOwner(), handle.getName(), handle.getDesc());
            return exit == null ? handle
                    : new Handle(H_INVOKESTATIC, className, standIn(exit), exit.standInDescriptor, isInterface);
        }
        if (value instanceof ConstantDynamic dynamic) {
            Object[] arguments = new Object[dynamic.getBootstrapMethodArgumentCount()];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = dynamic.getBootstrapMethodArgument(i);
            }
            return new ConstantDynamic(dynamic.getName(), dynamic.getDescriptor(),
                    (Handle) constant(dynamic.getBootstrapMethod()), constants(arguments));
        }
        return value;
    }

    private Object[] constants(Object[] values) {
        Object[] mapped = values.clone();
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = constant(mapped[i]);
        }
        return mapped;
    }

    private String standIn(Exit exit) {
        if (isInterface && (version & 0xFFFF) < V1_8) {
            // Such an interface can have no static method to call; its exit call (in <clinit>) cannot be refused.
            throw new IllegalArgumentException("interface " + className.replace('/', '.') + " calls " + exit.shown
                    + " and is compiled for Java 7 or older, which the container cannot rewrite");
        }
        used.add(exit);
        return exit.standInName();
    }

    @Override
    public void visitEnd() {
        for (Exit exit : used) {
            addStandIn(exit);
        }
        super.visitEnd();
    }

    /**
     * <pre>
     * private static synthetic void hotbundle$refused$SYSTEM_EXIT(int status) {
     *     String message = "com.acme 1.0.0 called System.exit(" + status + ") in com.acme.Main: refused, ...";
     *     System.getLogger("hotbundle").log(Level.ERROR, message);
     *     throw new SecurityException(message);
     * }
     * </pre>
     * The Runtime variants take the Runtime first, as the call they replace has it on the stack.
     */
    private void addStandIn(Exit exit) {
        MethodVisitor method = super.visitMethod(ACC_PRIVATE | ACC_STATIC | ACC_SYNTHETIC, exit.standInName(),
                exit.standInDescriptor, null, null);
        int status = exit == Exit.SYSTEM_EXIT ? 0 : 1;
        int message = status + 1;
        method.visitCode();
        method.visitLdcInsn(plugin + " called " + exit.shown + "(");
        method.visitVarInsn(ILOAD, status);
        method.visitMethodInsn(INVOKESTATIC, "java/lang/String", "valueOf", "(I)Ljava/lang/String;", false);
        method.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;",
                false);
        method.visitLdcInsn(") in " + className.replace('/', '.') + ": refused, a plugin cannot end the container");
        method.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;",
                false);
        method.visitVarInsn(ASTORE, message);
        method.visitLdcInsn("hotbundle");
        method.visitMethodInsn(INVOKESTATIC, "java/lang/System", "getLogger",
                "(Ljava/lang/String;)Ljava/lang/System$Logger;", false);
        method.visitFieldInsn(GETSTATIC, "java/lang/System$Logger$Level", "ERROR", "Ljava/lang/System$Logger$Level;");
        method.visitVarInsn(ALOAD, message);
        method.visitMethodInsn(INVOKEINTERFACE, "java/lang/System$Logger", "log",
                "(Ljava/lang/System$Logger$Level;Ljava/lang/String;)V", true);
        method.visitTypeInsn(NEW, "java/lang/SecurityException");
        method.visitInsn(DUP);
        method.visitVarInsn(ALOAD, message);
        method.visitMethodInsn(INVOKESPECIAL, "java/lang/SecurityException", "<init>", "(Ljava/lang/String;)V", false);
        method.visitInsn(ATHROW);
        method.visitMaxs(3, message + 1);
        method.visitEnd();
    }
}
