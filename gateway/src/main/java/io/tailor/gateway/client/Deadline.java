package io.tailor.gateway.client;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * When a decision's calls must have answered, as an instant rather than a duration, and where their timers run.
 *
 * <p>A call's timeout is counted when the call starts: whichever comes first of its own deadline and this one. A
 * duration worked out once for several calls would give the time spent starting the first ones out again to the
 * later ones, which on a busy node made a decision miss its deadline by several milliseconds.
 *
 * <p>The timers run on the event loop that received the request when there is one, so a timeout is one task on the
 * thread that writes the answer, not a wake-up of Mutiny's scheduler thread handing over to a worker thread, which
 * is two more threads that must each get a core in time.
 *
 * @param startedNanos when the decision started ({@link System#nanoTime()})
 * @param endsAtNanos when every call must have answered ({@link System#nanoTime()})
 * @param timers where the call timers are scheduled
 */
public record Deadline(long startedNanos, long endsAtNanos, ScheduledExecutorService timers) {

    /** A deadline {@code within} from {@code startedNanos}, timed on the calling event loop if there is one. */
    public static Deadline of(long startedNanos, Duration within) {
        return new Deadline(startedNanos, startedNanos + within.toNanos(), timersHere());
    }

    /** This deadline, or {@code within} from the start if that is earlier. */
    public Deadline atMost(Duration within) {
        return new Deadline(startedNanos, Math.min(endsAtNanos, startedNanos + within.toNanos()), timers);
    }

    /** What is left now; zero or negative once passed. */
    public Duration remaining() {
        return Duration.ofNanos(endsAtNanos - System.nanoTime());
    }

    /** What is left now of {@code callDeadline} counted from now, or of this deadline if that ends first. */
    Duration capFor(Duration callDeadline) {
        Duration left = remaining();
        return callDeadline.compareTo(left) < 0 ? callDeadline : left;
    }

    private static ScheduledExecutorService timersHere() {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && Context.isOnEventLoopThread()) {
            return internal.nettyEventLoop();
        }
        return Infrastructure.getDefaultWorkerPool();
    }
}
