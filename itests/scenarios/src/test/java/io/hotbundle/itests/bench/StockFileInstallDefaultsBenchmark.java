package io.hotbundle.itests.bench;

import org.ops4j.pax.exam.Option;

/** FileInstall as it comes: 2 s poll. Fewer swaps, since each takes seconds. */
public class StockFileInstallDefaultsBenchmark extends StockFileInstallBenchmark {

    @Override
    protected Option[] fileInstallSettings() {
        return new Option[0];
    }

    @Override
    protected String name() {
        return "stock-fileinstall-defaults";
    }

    @Override
    protected int swaps() {
        return Integer.getInteger("hotbundle.bench.slow.swaps", 20);
    }
}
