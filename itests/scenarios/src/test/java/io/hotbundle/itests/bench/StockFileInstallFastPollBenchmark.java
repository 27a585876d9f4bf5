package io.hotbundle.itests.bench;

import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import org.ops4j.pax.exam.Option;

/** FileInstall with the container's settings (10 ms poll, scoped refresh), but no transaction around the swap. */
public class StockFileInstallFastPollBenchmark extends StockFileInstallBenchmark {

    @Override
    protected Option[] fileInstallSettings() {
        return new Option[] {
            frameworkProperty("felix.fileinstall.poll").value("10"),
            frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
            frameworkProperty("felix.fileinstall.optionalImportRefreshScope").value("managed"),
            frameworkProperty("felix.fileinstall.fragmentRefreshScope").value("managed")
        };
    }

    @Override
    protected String name() {
        return "stock-fileinstall-fastpoll";
    }

    @Override
    protected int swaps() {
        return SwapLatencyBenchmark.SWAPS;
    }
}
