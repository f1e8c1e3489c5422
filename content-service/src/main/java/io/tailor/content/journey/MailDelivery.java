package io.tailor.content.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tailor.content.config.MessagesConfig;
import io.tailor.contracts.Topics;
import io.tailor.contracts.message.OutboundMessage;
import io.tailor.kit.messaging.KeyedMessages;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Delivers queued messages by e-mail (SMTP through quarkus-mailer), each at most once: a message is claimed by a
 * conditional update (queued or retrying → sending) before it is rendered and sent, so two replicas or a re-read
 * Kafka record cannot send it twice. A failing render or SMTP error is retried with exponential backoff; after the
 * last attempt the message is dead-lettered (status dead, and published on outbound-messages-dlq).
 */
@ApplicationScoped
public class MailDelivery {

    private static final Logger LOG = Logger.getLogger(MailDelivery.class);
    /** A message still "sending" after this long was interrupted (a crash mid-send); it is not sent again. */
    static final Duration STALE_SENDING = Duration.ofMinutes(10);

    /** Messages rendered and sent at once (SMTP round trips overlap; the mail client pools connections). */
    static final int PARALLEL_SENDS = 8;

    private final Pool pool;
    private final ReactiveMailer mailer;
    private final MessageRenderer renderer;
    private final MessagesConfig config;
    private final ObjectMapper mapper;
    private final MutinyEmitter<OutboundMessage> deadLetters;
    private final Clock clock;

    public MailDelivery(
            Pool pool,
            ReactiveMailer mailer,
            MessageRenderer renderer,
            MessagesConfig config,
            ObjectMapper mapper,
            @Channel(Topics.OUTBOUND_MESSAGES_DLQ) MutinyEmitter<OutboundMessage> deadLetters,
            Clock clock) {
        this.pool = pool;
        this.mailer = mailer;
        this.renderer = renderer;
        this.config = config;
        this.mapper = mapper;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Delivers one message if it is still waiting for delivery; otherwise does nothing. */
    public Uni<Void> deliver(UUID messageId) {
        Instant now = clock.instant();
        return pool.preparedQuery("UPDATE message SET status = 'sending', attempts = attempts + 1,"
                        + " next_attempt_at = $2 WHERE id = $1 AND status IN ('queued', 'retrying')"
                        + " RETURNING attempts, payload::text AS payload")
                .execute(Tuple.of(messageId, JourneyEngine.utc(now)))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Row row = rows.iterator().next();
                    int attempts = row.getInteger("attempts");
                    OutboundMessage message;
                    try {
                        message = mapper.readValue(row.getString("payload"), OutboundMessage.class);
                    } catch (JsonProcessingException e) {
                        return failed(messageId, attempts, null, "unreadable payload: " + e.getOriginalMessage());
                    }
                    return send(message)
                            .onItem()
                            .transformToUni(rendered -> sent(messageId, rendered))
                            .onFailure()
                            .recoverWithUni(e -> failed(messageId, attempts, message, describe(e)));
                });
    }

    private Uni<MessageRenderer.Rendered> send(OutboundMessage message) {
        return pool.preparedQuery("SELECT subject, html FROM message_template WHERE key = $1")
                .execute(Tuple.of(message.template()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom()
                                .failure(new IllegalStateException("no template '" + message.template() + "'"));
                    }
                    Row template = rows.iterator().next();
                    MessageRenderer.Rendered rendered =
                            renderer.render(template.getString("subject"), template.getString("html"), message.model());
                    Object unsubscribe = message.model().get("unsubscribeUrl");
                    Mail mail = Mail.withHtml(message.to(), rendered.subject(), rendered.html())
                            .setFrom(config.from());
                    if (unsubscribe != null) {
                        mail.addHeader("List-Unsubscribe", "<" + unsubscribe + ">")
                                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                    }
                    return mailer.send(mail).replaceWith(rendered);
                });
    }

    private Uni<Void> sent(UUID id, MessageRenderer.Rendered rendered) {
        return pool.preparedQuery("UPDATE message SET status = 'sent', sent_at = $2, subject = $3, body = $4,"
                        + " last_error = NULL, next_attempt_at = NULL WHERE id = $1")
                .execute(Tuple.of(
                        id, JourneyEngine.utc(clock.instant()), truncate(rendered.subject(), 300), rendered.html()))
                .replaceWithVoid();
    }

    private Uni<Void> failed(UUID id, int attempts, OutboundMessage message, String error) {
        boolean dead = attempts >= config.maxAttempts();
        Instant next = clock.instant().plus(config.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 20)));
        LOG.warnf(
                "Message %s failed (attempt %d of %d)%s: %s",
                id, attempts, config.maxAttempts(), dead ? ", dead-lettered" : ", will retry", error);
        Uni<RowSet<Row>> update = dead
                ? pool.preparedQuery("UPDATE message SET status = 'dead', last_error = $2, next_attempt_at = NULL,"
                                + " reason = $3 WHERE id = $1")
                        .execute(Tuple.of(id, truncate(error, 1000), "gave up after " + attempts + " attempts"))
                : pool.preparedQuery(
                                "UPDATE message SET status = 'retrying', last_error = $2, next_attempt_at = $3 WHERE id = $1")
                        .execute(Tuple.of(id, truncate(error, 1000), JourneyEngine.utc(next)));
        return update.call(() -> dead && message != null
                        ? KeyedMessages.sendAll(deadLetters, List.of(message), OutboundMessage::profileId)
                        : Uni.createFrom().voidItem())
                .replaceWithVoid();
    }

    /** Delivers several messages, {@link #PARALLEL_SENDS} at a time; each is claimed on its own. */
    public Uni<Void> deliverAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join()
                .all(ids.stream().map(this::deliver).toList())
                .usingConcurrencyOf(PARALLEL_SENDS)
                .andCollectFailures()
                .replaceWithVoid();
    }

    /** Delivers the messages whose retry is due. */
    public Uni<Void> retryDue() {
        return pool.preparedQuery("SELECT id FROM message WHERE status = 'retrying' AND next_attempt_at <= $1"
                        + " ORDER BY next_attempt_at LIMIT $2")
                .execute(Tuple.of(JourneyEngine.utc(clock.instant()), config.batchSize()))
                .flatMap(rows -> {
                    List<UUID> due = new java.util.ArrayList<>();
                    rows.forEach(row -> due.add(row.getUUID("id")));
                    return deliverAll(due);
                });
    }

    /** Marks messages interrupted mid-send (a crash) as unknown: they are not sent again. */
    public Uni<Void> expireInterrupted() {
        return pool.preparedQuery("UPDATE message SET status = 'unknown', reason = 'delivery was interrupted;"
                        + " not retried so that it is never sent twice' WHERE status = 'sending'"
                        + " AND next_attempt_at < $1")
                .execute(Tuple.of(JourneyEngine.utc(clock.instant().minus(STALE_SENDING))))
                .replaceWithVoid();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e ? message : message + " (" + root.getClass().getSimpleName() + ")";
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
