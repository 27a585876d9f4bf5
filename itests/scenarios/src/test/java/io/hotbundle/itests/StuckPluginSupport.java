package io.hotbundle.itests;

import org.junit.After;
import org.junit.Before;

/**
 * Tests whose fixture plugins hang on purpose (an activation that spins, a deactivation that blocks) until the
 * system property {@value #RELEASE} is set: each test starts with the hangs armed and ends by releasing them, so
 * that the stuck threads end and their framework can stop.
 */
public abstract class StuckPluginSupport extends ContainerTestSupport {

    protected static final String RELEASE = "hotbundle.fixture.release";

    @Before
    public void hangsHang() {
        System.clearProperty(RELEASE);
    }

    /** Runs before the base class empties the folder (JUnit runs a subclass's @After first). */
    @After
    public void releaseTheStuckThreads() {
        System.setProperty(RELEASE, "true");
    }
}
