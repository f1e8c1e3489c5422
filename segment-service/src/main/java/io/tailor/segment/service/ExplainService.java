package io.tailor.segment.service;

import com.google.protobuf.Message;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.kit.problem.ProblemException;
import io.tailor.kit.state.ShopperStateReader;
import io.tailor.rules.RuleEngine;
import io.tailor.rules.RuleInputs;
import io.tailor.segment.Segment;
import io.tailor.segment.cache.MembershipStore;
import io.tailor.segment.domain.PersonalizationPolicy;
import io.tailor.segment.domain.SegmentEvaluator;
import io.tailor.segment.domain.SegmentRule;
import io.tailor.segment.repository.ProfileCopyStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Explains why a shopper is or is not in a segment: the rule, its result now on this service's copy of the profile
 * (with the RFM scores in use), the values of the fields it read, any evaluation error, whether the membership is
 * recorded and since when, and when time alone may change it next.
 */
@ApplicationScoped
public class ExplainService {

    /** Who to explain: a profile id, or the shopper's anonymous or customer id; the page for request segments. */
    public record ExplainRequest(String profileId, String anonymousId, String customerId, RequestContext context) {}

    /** RFM scores of the profile (0 without orders). */
    public record Scores(long recency, long frequency, long monetary, double spendPercentile) {}

    /**
     * @param matches whether the rule matches the profile now
     * @param member whether the membership is recorded (profile segments)
     * @param values the value of each field the rule reads
     * @param nextWakeUp when the segment's wake-up expression says membership may next change with time alone
     * @param scheduledAt when the profile is next due for time-based re-evaluation (any segment)
     * @param explanation the verdict in plain words
     */
    public record Explanation(
            String segment,
            int version,
            boolean enabled,
            String scope,
            String profileId,
            String rule,
            boolean matches,
            Boolean member,
            Instant memberSince,
            String error,
            Map<String, Object> values,
            Scores scores,
            String wakeUp,
            Instant nextWakeUp,
            Instant scheduledAt,
            Instant evaluatedAt,
            String explanation) {}

    private final RuleEngine engine;
    private final SegmentEvaluator evaluator;
    private final ShopperStateReader shoppers;
    private final ProfileCopyStore copies;
    private final MembershipStore memberships;
    private final RfmService rfm;
    private final Clock clock;
    private final PersonalizationPolicy consent;

    public ExplainService(
            RuleEngine engine,
            SegmentEvaluator evaluator,
            ShopperStateReader shoppers,
            ProfileCopyStore copies,
            MembershipStore memberships,
            RfmService rfm,
            Clock clock,
            PersonalizationPolicy consent) {
        this.engine = engine;
        this.evaluator = evaluator;
        this.shoppers = shoppers;
        this.copies = copies;
        this.memberships = memberships;
        this.rfm = rfm;
        this.clock = clock;
        this.consent = consent;
    }

    public Uni<Explanation> explain(String key, ExplainRequest who) {
        if (who == null || (blank(who.profileId()) && blank(who.anonymousId()) && blank(who.customerId()))) {
            throw ProblemException.invalid("profileId", "give a profileId, an anonymousId or a customerId");
        }
        Uni<Optional<String>> profileId = !blank(who.profileId())
                ? Uni.createFrom().item(Optional.of(who.profileId()))
                : shoppers.profileId(new ShopperRef(who.anonymousId(), who.customerId()));
        return Panache.withSession(() -> Segment.<Segment>findById(key)).flatMap(segment -> {
            if (segment == null) {
                throw ProblemException.notFound("No segment " + key);
            }
            if (who.context() != null && !"request".equals(segment.scope)) {
                throw ProblemException.invalid("context", "only request segments read the page; leave it out");
            }
            return profileId.flatMap(id -> {
                if (id.isEmpty()) {
                    throw ProblemException.notFound("No profile is known for that shopper");
                }
                return copies.load(id.get()).flatMap(profile -> {
                    if (profile.isPresent() && consent.allows(profile.get())) {
                        return explain(segment, profile.get(), who.context());
                    }
                    // no copy is kept of shoppers who refused personalization: ask the hot state why
                    return shoppers.profile(id.get()).map(hot -> {
                        if (hot.isPresent() && !consent.allows(hot.get())) {
                            return refused(segment, id.get());
                        }
                        throw ProblemException.notFound("No profile " + id.get() + " is known to segment-service");
                    });
                });
            });
        });
    }

    private Uni<Explanation> explain(
            Segment segment, io.tailor.contracts.profile.ProfileSnapshot profile, RequestContext context) {
        boolean requestScoped = "request".equals(segment.scope);
        RuleEngine.Compilation rule = engine.compile(
                segment.rule, requestScoped ? RuleEngine.Scope.REQUEST : RuleEngine.Scope.PROFILE, "rule");
        RuleEngine.Compilation wakeUp = segment.wakeUp == null ? null : engine.compileWakeUp(segment.wakeUp, "wakeUp");
        if (!rule.ok()) {
            throw ProblemException.conflict(
                    "The stored rule of " + segment.key + " no longer compiles: " + rule.problems());
        }
        Instant now = clock.instant();
        RuleInputs.Scores scores = rfm.scores(profile);
        Message input = RuleInputs.profile(profile, scores);
        Message page = requestScoped ? RuleInputs.request(context == null ? RequestContext.EMPTY : context) : null;
        RuleEngine.Outcome outcome = engine.evaluate(rule.rule(), input, page, now);
        SegmentRule live = SegmentRule.of(
                segment.key,
                segment.name,
                segment.version,
                rule.rule(),
                wakeUp == null || !wakeUp.ok() ? null : wakeUp.rule(),
                requestScoped);
        Instant next = requestScoped ? null : evaluator.nextWakeUp(live, input, now);
        Map<String, Object> values = SegmentEvaluator.values(rule.rule(), input, page);
        Scores shown = new Scores(scores.recency(), scores.frequency(), scores.monetary(), scores.spendPercentile());
        String id = profile.profileId();
        if (requestScoped) {
            String text = outcome.matches()
                    ? "On this page the rule matches: the shopper is in the segment for this request."
                    : "On this page the rule does not match" + (outcome.error() == null ? "." : ": " + outcome.error());
            return Uni.createFrom()
                    .item(new Explanation(
                            segment.key,
                            segment.version,
                            segment.enabled,
                            segment.scope,
                            id,
                            segment.rule,
                            outcome.matches(),
                            null,
                            null,
                            outcome.error(),
                            values,
                            shown,
                            null,
                            null,
                            null,
                            now,
                            segment.enabled ? text : text + " The segment is disabled, so no request gets it."));
        }
        return Uni.combine()
                .all()
                .unis(memberships.since(id, segment.key), memberships.dueAt(id))
                .asTuple()
                .map(both -> {
                    Optional<Instant> since = both.getItem1();
                    String text = verdict(segment.enabled, outcome, since.isPresent(), next);
                    return new Explanation(
                            segment.key,
                            segment.version,
                            segment.enabled,
                            segment.scope,
                            id,
                            segment.rule,
                            outcome.matches(),
                            since.isPresent(),
                            since.orElse(null),
                            outcome.error(),
                            values,
                            shown,
                            segment.wakeUp,
                            next,
                            both.getItem2().orElse(null),
                            now,
                            text);
                });
    }

    private Explanation refused(Segment segment, String profileId) {
        return new Explanation(
                segment.key,
                segment.version,
                segment.enabled,
                segment.scope,
                profileId,
                segment.rule,
                false,
                "request".equals(segment.scope) ? null : false,
                null,
                null,
                Map.of(),
                null,
                segment.wakeUp,
                null,
                null,
                clock.instant(),
                "The shopper has not given personalization consent, so they are in no segment and their profile is"
                        + " not evaluated.");
    }

    static String verdict(boolean enabled, RuleEngine.Outcome outcome, boolean member, Instant next) {
        StringBuilder text = new StringBuilder();
        if (!enabled) {
            text.append("The segment is disabled: nobody is in it. ");
        }
        if (outcome.error() != null) {
            text.append("The rule could not be evaluated on this profile (")
                    .append(outcome.error())
                    .append("), which counts as not matching. ");
        } else {
            text.append(
                    outcome.matches()
                            ? "The rule matches the profile now. "
                            : "The rule does not match the profile now. ");
        }
        if (member && outcome.matches()) {
            text.append("The shopper is a member.");
        } else if (!member && !outcome.matches()) {
            text.append("The shopper is not a member.");
        } else if (member) {
            text.append(
                    "The shopper is still recorded as a member; the next profile change or re-evaluation removes them.");
        } else if (enabled) {
            text.append("The membership is not recorded yet; the next profile change or re-evaluation adds it.");
        }
        if (next != null) {
            text.append(" With time alone, membership may change at ")
                    .append(next)
                    .append('.');
        }
        return text.toString();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
