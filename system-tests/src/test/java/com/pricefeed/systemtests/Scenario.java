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
import static com.pricefeed.systemtests.Fault.SINK_SIGSTOP;
import static com.pricefeed.systemtests.Fault.SINK_SIGTERM;

/**
 * How much data and which faults: the CI scenario (every fault once, in a seeded random order, processors with a
 * standby) or the soak ({@code -Dfaults.soak=true}: more data, several kills of each component).
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
                    SINK_SCALE_OUT, SINK_SIGSTOP, SINK_SCALE_IN, PROCESSOR_SCALE_OUT, PROCESSOR_SCALE_IN,
                    BROKER_RESTART, DATABASE_REFUSES_CONNECTIONS));
            if (postgresRestart) {
                faults.add(POSTGRES_RESTART);
            }
            return new Scenario("soak", 120_000, 300, faults, 1);
        }
        faults.addAll(List.of(PROCESSOR_SIGKILL, PROCESSOR_SIGTERM, SINK_SIGKILL, SINK_SIGTERM,
                SINK_SCALE_OUT, SINK_SIGSTOP, SINK_SCALE_IN, PROCESSOR_SCALE_OUT, PROCESSOR_SCALE_IN,
                BROKER_RESTART, DATABASE_REFUSES_CONNECTIONS));
        if (postgresRestart) {
            faults.add(POSTGRES_RESTART);
        }
        return new Scenario("ci", 100_000, 240, faults, 1);
    }

    /**
     * The faults in a random order in which every scale-in comes after its scale-out, and a sink is frozen only while
     * a second one runs.
     */
    List<Fault> order(Random random) {
        List<Fault> order = new ArrayList<>(faults);
        Collections.shuffle(order, random);
        keepInOrder(order, List.of(SINK_SCALE_OUT, SINK_SIGSTOP, SINK_SCALE_IN));
        keepInOrder(order, List.of(PROCESSOR_SCALE_OUT, PROCESSOR_SCALE_IN));
        return order;
    }

    /** Puts the first occurrences of {@code sequence} in that order, in the places they took. */
    private static void keepInOrder(List<Fault> order, List<Fault> sequence) {
        List<Integer> places = sequence.stream().map(order::indexOf).filter(place -> place >= 0).sorted().toList();
        List<Fault> present = sequence.stream().filter(order::contains).toList();
        for (int i = 0; i < places.size(); i++) {
            order.set(places.get(i), present.get(i));
        }
    }
}
