package com.pricefeed.api.follow;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The follower's walks over the master rows by key, a {@link MasterReads#page page} at a time, interleaved with its
 * reads of what notifications name so that neither holds up the other for longer than one page:
 * <ul>
 *   <li>after (re)connecting, a walk reads every row, since notifications sent meanwhile are lost;</li>
 *   <li>every {@code interval} after a walk ends, a walk reads the rows committed since the horizon of the previous
 *       walk's first page: the safety net for a write that announced nothing;</li>
 *   <li>a notification the follower does not understand asks for such a walk at once, or, when one is under way
 *       (it may have passed the rows that commit changed), for another one after it.</li>
 * </ul>
 * The rows held are not fresh (not {@linkplain #confirmable() confirmable}) while a walk that reads every row or one
 * a not-understood notification asked for is under way or still owed: until it ends, a commit may be taken in by no
 * read; those walks read page after page. The safety net, which nothing waits for, reads a page at most every
 * {@code pause}, so that on a busy host its reads do not crowd out the reads of what notifications name. Time is
 * {@link System#nanoTime()}.
 */
final class Walks {

    private final long intervalNanos;
    private final long pauseNanos;
    private Walk current;
    /** When the last page was read. */
    private long pageReadAt;
    /** Where the next safety-net walk reads from: the horizon of the last finished walk's first page. */
    private long horizon;
    private long dueAt;
    /** Whether a not-understood notification arrived during the current walk, so another must follow it. */
    private boolean owed;

    private Walks(long intervalNanos, long pauseNanos) {
        this.intervalNanos = intervalNanos;
        this.pauseNanos = pauseNanos;
    }

    /**
     * The walks of a new connection, starting with one over every row.
     *
     * @param intervalNanos from the end of one walk to the start of the next safety net
     * @param pauseNanos    the least time between two pages of the safety net
     */
    static Walks afterConnecting(long intervalNanos, long pauseNanos) {
        Walks walks = new Walks(intervalNanos, pauseNanos);
        walks.current = new Walk(OptionalLong.empty(), true);
        return walks;
    }

    /** A notification in a format the follower does not read arrived: the commit it announced must be walked to. */
    void unannounced() {
        if (current == null) {
            current = new Walk(OptionalLong.of(horizon), true);
        } else {
            owed = true;
        }
    }

    /**
     * The walk to read the next page of at {@code now}: the one under way, once its pause is over, or the safety net
     * when it is due.
     */
    Optional<Walk> next(long now) {
        if (current == null && now - dueAt >= 0) {
            current = new Walk(OptionalLong.of(horizon), false);
        }
        return untilNextPage(now) == 0 ? Optional.of(current) : Optional.empty();
    }

    /**
     * Nanoseconds from {@code now} until the next page of the walk under way is due: 0 when it is, {@link Long#MAX_VALUE}
     * when no walk is under way.
     */
    long untilNextPage(long now) {
        if (current == null) {
            return Long.MAX_VALUE;
        }
        if (current.confirms || current.first()) {
            return 0;
        }
        return Math.max(0, pauseNanos - (now - pageReadAt));
    }

    /** Takes note of the page of the current walk just read at {@code now}. */
    void read(MasterReads.Page page, long now) {
        Walk walk = current;
        if (walk.firstHorizon.isEmpty()) {
            walk.firstHorizon = OptionalLong.of(page.horizon());
        }
        walk.after = page.last();
        pageReadAt = now;
        if (page.end()) {
            horizon = walk.firstHorizon.getAsLong();
            dueAt = now + intervalNanos;
            current = owed ? new Walk(OptionalLong.of(horizon), true) : null;
            owed = false;
        }
    }

    /** Whether a read that left no notification waiting proves the rows held current as of its start. */
    boolean confirmable() {
        return !owed && (current == null || !current.confirms);
    }

    /** One walk: where it has got to, and what it reads. */
    static final class Walk {

        /** Empty: every row; else the rows committed at or after this horizon. */
        private final OptionalLong since;
        /** Whether the rows held are current only once this walk has ended. */
        private final boolean confirms;
        private String after = "";
        private OptionalLong firstHorizon = OptionalLong.empty();

        private Walk(OptionalLong since, boolean confirms) {
            this.since = since;
            this.confirms = confirms;
        }

        /** The last symbol read so far; {@code ""} before the first page. */
        String after() {
            return after;
        }

        OptionalLong since() {
            return since;
        }

        boolean first() {
            return firstHorizon.isEmpty();
        }
    }
}
