package com.pricefeed.systemtests;

import java.util.Random;
import java.util.function.BiConsumer;

/** One fault the suite injects into a running {@link Pipeline}. */
enum Fault {
    PROCESSOR_SIGKILL(Pipeline::killProcessor),
    PROCESSOR_SIGTERM(Pipeline::terminateProcessor),
    SINK_SIGKILL(Pipeline::killSink),
    SINK_SIGTERM(Pipeline::terminateSink),
    /** Needs two sinks: comes between {@link #SINK_SCALE_OUT} and {@link #SINK_SCALE_IN}. */
    SINK_SIGSTOP((pipeline, random) -> pipeline.freezeSinkPastItsSession()),
    BROKER_RESTART((pipeline, random) -> pipeline.restartBroker()),
    DATABASE_REFUSES_CONNECTIONS((pipeline, random) -> pipeline.refuseDatabaseConnections()),
    POSTGRES_RESTART((pipeline, random) -> pipeline.restartPostgres()),
    SINK_SCALE_OUT((pipeline, random) -> pipeline.scaleOutSinks()),
    SINK_SCALE_IN((pipeline, random) -> pipeline.scaleInSinks()),
    PROCESSOR_SCALE_OUT((pipeline, random) -> pipeline.scaleOutProcessors()),
    PROCESSOR_SCALE_IN((pipeline, random) -> pipeline.scaleInProcessors());

    private final BiConsumer<Pipeline, Random> action;

    Fault(BiConsumer<Pipeline, Random> action) {
        this.action = action;
    }

    void inject(Pipeline pipeline, Random random) {
        action.accept(pipeline, random);
    }
}
