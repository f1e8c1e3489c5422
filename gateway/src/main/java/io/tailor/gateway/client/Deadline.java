package io.tailor.gateway.client;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * When a decision's calls must have answered, as an instant rather than a duration, and where their timeouts run.
 *
 * <p>A call's timeout is counted when the call starts: whichever comes first of its own deadline and this one. A
 * duration worked out once for several calls would give the time spent starting the first ones out again to the
 * later ones, which on a busy node made a decision miss its deadline by several milliseconds.
 *
 * <p>The timeouts run on the event loop that received the request, inside the request's Vert.x context, so a
 * timeout is one task on the thread that writes the answer (Mutiny's default scheduler thread would hand it to a
 * worker thread, which hands the answer back: three threads that must each get a core in time). Off an event loop
 * (not the case for {@code POST /v1/decide}), they run on Mutiny's default scheduler.
 *
 * @param startedNanos when the decision started ({@link System#nanoTime()})
 * @param endsAtNanos when every call must have answered ({@link System#nanoTime()})
 * @param context the request's event-loop context, or null
 */
public record Deadline(long startedNanos, long endsAtNanos, ContextInternal context) {

    /** A deadline {@code within} from {@code startedNanos}, timed on the calling event loop if there is one. */
    public static Deadline of(long startedNanos, Duration within) {
        Context current = Vertx.currentContext();
        ContextInternal context =
                current instanceof ContextInternal internal && Context.isOnEventLoopThread() ? internal : null;
        return new Deadline(startedNanos, startedNanos + within.toNanos(), context);
    }

    /** This deadline, or {@code within} from the start if that is earlier. */
    public Deadline atMost(Duration within) {
        return new Deadline(startedNanos, Math.min(endsAtNanos, startedNanos + within.toNanos()), context);
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

    /** Runs {@code timeout} after {@code delay} on the request's event loop and context; cancel what is returned. */
    ScheduledFuture<?> schedule(Runnable timeout, Duration delay) {
        if (context != null) {
            return context.nettyEventLoop()
                    .schedule(() -> context.dispatch(timeout), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
        return Infrastructure.getDefaultWorkerPool().schedule(timeout, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
