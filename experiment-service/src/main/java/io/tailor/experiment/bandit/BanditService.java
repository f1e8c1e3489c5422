package io.tailor.experiment.bandit;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.ProblemException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hipparchus.random.RandomDataGenerator;

/** Thompson-sampling bandits over content variants: define, choose (counts a trial), reward, stop. */
@ApplicationScoped
public class BanditService {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");

    private final Pool pool;
    private final ThreadLocal<ThompsonSampler> sampler =
            ThreadLocal.withInitial(() -> new ThompsonSampler(new RandomDataGenerator()));

    public BanditService(Pool pool) {
        this.pool = pool;
    }

    public record Definition(String name, List<String> arms, Double minExploration) {}

    public record ArmView(String key, long trials, long successes, double allocation) {}

    public record BanditView(String key, String name, String status, double minExploration, List<ArmView> arms) {}

    public record Choice(String bandit, String arm, boolean stopped) {}

    private record State(
            String name, String status, double minExploration, List<String> arms, long[] trials, long[] successes) {}

    public Uni<BanditView> put(String key, Definition d) {
        List<Violation> v = new ArrayList<>();
        if (!KEY.matcher(key).matches()) {
            v.add(new Violation("key", "a bandit key: lower-case letters, digits, _ or -"));
        }
        if (d == null) {
            throw ProblemException.invalid("", "a bandit definition is required");
        }
        if (d.name() == null || d.name().isBlank() || d.name().length() > 200) {
            v.add(new Violation("name", "is required (max 200 characters)"));
        }
        List<String> arms = d.arms() == null ? List.of() : d.arms();
        if (arms.size() < 2 || arms.size() > 20) {
            v.add(new Violation("arms", "a bandit has 2 to 20 arms"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i) == null || !KEY.matcher(arms.get(i)).matches()) {
                v.add(new Violation("arms[" + i + "]", "an arm key (a content variant key)"));
            } else if (!seen.add(arms.get(i))) {
                v.add(new Violation("arms[" + i + "]", "duplicate arm '" + arms.get(i) + "'"));
            }
        }
        double min = d.minExploration() == null ? 0.01 : d.minExploration();
        if (Double.isNaN(min) || min < 0 || (!arms.isEmpty() && min * arms.size() > 1)) {
            v.add(new Violation("minExploration", "between 0 and 1/arms (each arm's minimum share)"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        var now = Instant.now().atOffset(ZoneOffset.UTC);
        return load(key)
                .flatMap(existing -> {
                    if (existing != null && !existing.arms().equals(arms)) {
                        throw ProblemException.conflict("Bandit " + key + " has arms " + existing.arms()
                                + "; its arms cannot change (their counts would be meaningless). Create a new bandit.");
                    }
                    return pool.withTransaction(
                            c -> c.preparedQuery("INSERT INTO bandit (key, name, min_exploration, status,"
                                            + " updated_at) VALUES ($1, $2, $3, 'running', $4) ON CONFLICT (key) DO UPDATE SET"
                                            + " name = EXCLUDED.name, min_exploration = EXCLUDED.min_exploration,"
                                            + " updated_at = EXCLUDED.updated_at")
                                    .execute(Tuple.of(key, d.name(), min, now))
                                    .call(() -> c.preparedQuery("INSERT INTO bandit_arm (bandit_key, arm_key, position)"
                                                    + " SELECT $1, a, p FROM unnest($2::text[]) WITH ORDINALITY AS t(a, p)"
                                                    + " ON CONFLICT DO NOTHING")
                                            .execute(Tuple.of(key, arms.toArray(String[]::new)))));
                })
                .flatMap(x -> get(key));
    }

    public Uni<BanditView> get(String key) {
        return load(key).map(s -> {
            if (s == null) {
                throw ProblemException.notFound("No bandit " + key);
            }
            double[] allocation = "stopped".equals(s.status())
                    ? leaderOnly(s)
                    : sampler.get().allocation(s.trials(), s.successes(), s.minExploration(), 2_000);
            List<ArmView> arms = new ArrayList<>();
            for (int i = 0; i < s.arms().size(); i++) {
                arms.add(new ArmView(s.arms().get(i), s.trials()[i], s.successes()[i], allocation[i]));
            }
            return new BanditView(key, s.name(), s.status(), s.minExploration(), arms);
        });
    }

    /** Chooses an arm and counts a trial; a stopped bandit always serves its leader and counts nothing. */
    public Uni<Choice> choose(String key) {
        return load(key).flatMap(s -> {
            if (s == null) {
                throw ProblemException.notFound("No bandit " + key);
            }
            if ("stopped".equals(s.status())) {
                return Uni.createFrom()
                        .item(new Choice(key, s.arms().get(ThompsonSampler.leader(s.trials(), s.successes())), true));
            }
            String arm = s.arms().get(sampler.get().choose(s.trials(), s.successes(), s.minExploration()));
            return pool.preparedQuery(
                            "UPDATE bandit_arm SET trials = trials + 1 WHERE bandit_key = $1 AND arm_key = $2")
                    .execute(Tuple.of(key, arm))
                    .replaceWith(new Choice(key, arm, false));
        });
    }

    /** Counts a success of an arm (a click or conversion after it was shown). */
    public Uni<BanditView> reward(String key, String arm) {
        if (arm == null || arm.isBlank()) {
            throw ProblemException.invalid("arm", "is required");
        }
        return pool.preparedQuery("UPDATE bandit_arm SET successes = successes + 1 WHERE bandit_key = $1"
                        + " AND arm_key = $2 AND successes < trials")
                .execute(Tuple.of(key, arm))
                .flatMap(rows -> load(key).map(s -> {
                    if (s == null) {
                        throw ProblemException.notFound("No bandit " + key);
                    }
                    if (!s.arms().contains(arm)) {
                        throw ProblemException.invalid("arm", "not an arm of " + key + ": " + arm);
                    }
                    return s;
                }))
                .flatMap(s -> get(key));
    }

    public Uni<BanditView> setStatus(String key, String status) {
        return pool.preparedQuery("UPDATE bandit SET status = $2, updated_at = now() WHERE key = $1")
                .execute(Tuple.of(key, status))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("No bandit " + key);
                    }
                    return get(key);
                });
    }

    private Uni<State> load(String key) {
        return pool.preparedQuery(
                        "SELECT b.name, b.status, b.min_exploration, a.arm_key, a.trials, a.successes"
                                + " FROM bandit b JOIN bandit_arm a ON a.bandit_key = b.key WHERE b.key = $1 ORDER BY a.position")
                .execute(Tuple.of(key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Map<String, long[]> counts = new LinkedHashMap<>();
                    String name = null;
                    String status = null;
                    double min = 0;
                    for (Row r : rows) {
                        name = r.getString(0);
                        status = r.getString(1);
                        min = r.getDouble(2);
                        counts.put(r.getString(3), new long[] {r.getLong(4), r.getLong(5)});
                    }
                    List<String> arms = new ArrayList<>(counts.keySet());
                    long[] trials =
                            arms.stream().mapToLong(a -> counts.get(a)[0]).toArray();
                    long[] successes =
                            arms.stream().mapToLong(a -> counts.get(a)[1]).toArray();
                    return new State(name, status, min, arms, trials, successes);
                });
    }

    private static double[] leaderOnly(State s) {
        double[] a = new double[s.arms().size()];
        a[ThompsonSampler.leader(s.trials(), s.successes())] = 1;
        return a;
    }
}
