package com.pricefeed.systemtests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static com.pricefeed.systemtests.Fault.BROKER_RESTART;
import static com.pricefeed.systemtests.Fault.DATABASE_REFUSES_CONNECTIONS;
import static com.pricefeed.systemtests.Fault.POSTGRES_RESTART;
import static com.pricefeed.systemtests.Fault.PROCESSOR_SCALE_IN;
import static com.pricefeed.systemtests.Fault.PROCESSOR_SCALE_OUT;
import static com.pricefeed.systemtests.Fault.PROCESSOR_SIGKILL;
import static com.pricefeed.systemtests.Fault.PROCESSOR_SIGTERM;
import static com.pricefeed.systemtests.Fault.SINK_SCALE_IN;
import static com.pricefeed.systemtests.Fault.SINK_SCALE_OUT;
import static com.pricefeed.systemtests.Fault.SINK_SIGKILL;
import static com.pricefeed.systemtests.Fault.SINK_SIGTERM;

/**
 * How much data and which faults: the CI scenario (every fault once, in a seeded random order) or the soak
 * ({@code -Dfaults.soak=true}: more data, several kills of each component, scale-out and back of both).
 *
 * @param name            for the summary
 * @param ticks           publisher records produced
 * @param symbols         distinct symbols
 * @param faults          the faults, unordered
 * @param standbyReplicas {@code PROCESSOR_STANDBY_REPLICAS} of every processor
 */
record Scenario(String name, int ticks, int symbols, List<Fault> faults, int standbyReplicas) {

    static Scenario fromSystemProperties() {
        boolean postgresRestart = Boolean.getBoolean("faults.postgres.restart");
        List<Fault> faults = new ArrayList<>();
        if (Boolean.getBoolean("faults.soak")) {
            faults.addAll(List.of(PROCESSOR_SIGKILL, PROCESSOR_SIGKILL, PROCESSOR_SIGKILL, PROCESSOR_SIGTERM,
                    SINK_SIGKILL, SINK_SIGKILL, SINK_SIGKILL, SINK_SIGTERM,
                    SINK_SCALE_OUT, SINK_SCALE_IN, PROCESSOR_SCALE_OUT, PROCESSOR_SCALE_IN,
                    BROKER_RESTART, DATABASE_REFUSES_CONNECTIONS));
            if (postgresRestart) {
                faults.add(POSTGRES_RESTART);
            }
            return new Scenario("soak", 120_000, 300, faults, 1);
        }
        faults.addAll(List.of(PROCESSOR_SIGKILL, SINK_SIGKILL, SINK_SIGTERM, BROKER_RESTART, DATABASE_REFUSES_CONNECTIONS));
        if (postgresRestart) {
            faults.add(POSTGRES_RESTART);
        }
        return new Scenario("ci", 25_000, 240, faults, 0);
    }

    /** The faults in a random order in which every scale-in comes after its scale-out. */
    List<Fault> order(Random random) {
        List<Fault> order = new ArrayList<>(faults);
        Collections.shuffle(order, random);
        keepBefore(order, SINK_SCALE_OUT, SINK_SCALE_IN);
        keepBefore(order, PROCESSOR_SCALE_OUT, PROCESSOR_SCALE_IN);
        return order;
    }

    private static void keepBefore(List<Fault> order, Fault first, Fault then) {
        int a = order.indexOf(first);
        int b = order.indexOf(then);
        if (a >= 0 && b >= 0 && b < a) {
            Collections.swap(order, a, b);
        }
    }
}
