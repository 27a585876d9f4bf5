package io.hotbundle.container.internal.weaving.samples;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Plugin code that tries to end the JVM in every shape javac compiles a call into: with branches and loops around
 * it (so stack map frames follow it), in a catch and a finally, through lambdas and method references. Each method
 * returns normally only when the call did nothing; the tests run it woven, where each call throws.
 */
public final class Exits {

    private Exits() {
    }

    public static int inBranches(int n) {
        int result = 0;
        if (n > 100) {
            result = -1;
        } else if (n > 0) {
            for (int i = 0; i < n; i++) {
                result += i;
                if (i == n - 1) {
                    System.exit(n);
                }
            }
        } else {
            Runtime.getRuntime().exit(n);
        }
        return result + n;
    }

    public static String inASwitchThenCaught(String how) {
        try {
            switch (how) {
                case "halt" -> Runtime.getRuntime().halt(3);
                case "exit" -> Runtime.getRuntime().exit(4);
                default -> System.exit(5);
            }
            return "went on";
        } catch (SecurityException refused) {
            return "refused: " + refused.getMessage();
        }
    }

    public static void inACatchAndAFinally(boolean fail) {
        try {
            if (fail) {
                throw new IllegalStateException("boom");
            }
        } catch (IllegalStateException e) {
            System.exit(6);
        } finally {
            List.of(1, 2).forEach(i -> {
                if (i > 5) {
                    Runtime.getRuntime().halt(i);
                }
            });
        }
    }

    public static void inALambda() {
        Runnable task = () -> System.exit(7);
        task.run();
    }

    public static void throughMethodReferences(int which) {
        IntConsumer system = System::exit;
        IntConsumer halt = Runtime.getRuntime()::halt;
        BiConsumer<Runtime, Integer> exit = Runtime::exit;
        Supplier<String> unrelated = "x"::trim;
        if (which == 0) {
            system.accept(8);
        } else if (which == 1) {
            halt.accept(9);
        } else {
            exit.accept(Runtime.getRuntime(), 10);
        }
        unrelated.get();
    }
}
