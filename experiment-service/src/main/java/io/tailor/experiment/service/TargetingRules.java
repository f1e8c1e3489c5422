package io.tailor.experiment.service;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.event.Violation;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.rules.RuleEngine;
import io.tailor.rules.RuleInputs;
import io.tailor.rules.RuleSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Experiment targeting rules: the same CEL language and schema as request-scoped segments. */
@ApplicationScoped
public class TargetingRules {

    private static final Message NO_PROFILE = DynamicMessage.getDefaultInstance(RuleSchema.profile());

    private final RuleEngine engine = new RuleEngine();

    /** Compiles a rule; problems name {@code field}. */
    public RuleEngine.Compilation compile(String source, String field) {
        return engine.compile(source, RuleEngine.Scope.REQUEST, field);
    }

    public List<Violation> check(String source, String field) {
        return compile(source, field).problems();
    }

    /** The rule input for a request. */
    public Message request(RequestContext context) {
        return RuleInputs.request(context == null ? RequestContext.EMPTY : context);
    }

    /** The rule input for a hot profile (an empty profile for unknown shoppers). */
    public Message profile(ProfileSnapshot profile) {
        return profile == null ? NO_PROFILE : RuleInputs.profile(profile, RuleInputs.Scores.NONE);
    }

    /** Whether the rule holds; a rule failing at run time does not hold. */
    public boolean matches(RuleEngine.Compiled rule, Message profile, Message request) {
        return engine.evaluate(rule, profile, request, Instant.now()).matches();
    }
}
