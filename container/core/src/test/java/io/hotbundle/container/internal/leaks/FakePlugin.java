package io.hotbundle.container.internal.leaks;

/** A plugin's class, defined afresh by each {@link RetiredPlugin}'s class loader. */
public final class FakePlugin implements Runnable {

    /** A thread the plugin started and never stopped runs this. */
    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
