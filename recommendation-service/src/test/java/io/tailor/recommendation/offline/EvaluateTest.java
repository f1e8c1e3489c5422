package io.tailor.recommendation.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.recommendation.session.SessionIndex;
import io.tailor.recommendation.session.SessionRecommender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateTest {

    private static final Path DIGINETICA = Path.of("../data/diginetica-sample-item-views.csv");

    @TempDir
    Path dir;

    @Test
    void hitRateAndMrrCountEveryPositionOfEveryTestSession() {
        SessionIndex train = SessionIndex.of(new int[][] {{0, 1, 2}}, new long[] {0}, 3);
        // always recommends 2, then 1
        SessionRecommender fixed = new SessionRecommender() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public int[] recommend(int[] session, long time, int k) {
                return new int[] {2, 1};
            }
        };
        List<SessionSplit.TestSession> test = List.of(
                new SessionSplit.TestSession(new int[] {0, 1, 2}, new long[] {1, 2, 3}),
                new SessionSplit.TestSession(new int[] {1, 0}, new long[] {1, 2}));

        Evaluation.Result r = Evaluation.run(fixed, train, test, 20, 100, 1);

        // targets 1 (rank 2), 2 (rank 1), 0 (missed)
        assertThat(r.predictions()).isEqualTo(3);
        assertThat(r.hitRate()).isEqualTo(2.0 / 3);
        assertThat(r.mrr()).isEqualTo((0.5 + 1.0) / 3);
        assertThat(r.coverage()).isEqualTo(2.0 / 3);
        assertThat(r.hitRateInterval()[0]).isLessThanOrEqualTo(r.hitRate());
        assertThat(r.hitRateInterval()[1]).isGreaterThanOrEqualTo(r.hitRate());
    }

    @Test
    void theSplitDropsShortSessionsRareItemsAndTestItemsUnseenInTraining() {
        long day = 86_400_000L;
        List<SessionCsv.Event> events = List.of(
                new SessionCsv.Event("1", "a", 0),
                new SessionCsv.Event("1", "b", 1),
                new SessionCsv.Event("2", "a", day),
                new SessionCsv.Event("2", "b", day + 1),
                new SessionCsv.Event("3", "a", 2 * day), // length 1: dropped
                new SessionCsv.Event("4", "rare", 20 * day), // item seen once: dropped, then the session is short
                new SessionCsv.Event("4", "a", 20 * day + 1),
                new SessionCsv.Event("5", "b", 20 * day),
                new SessionCsv.Event("5", "a", 20 * day + 5),
                new SessionCsv.Event("5", "b", 20 * day + 9));

        SessionSplit split = SessionSplit.of(events, 2, 7);

        assertThat(split.sizes().trainSessions()).isEqualTo(2);
        assertThat(split.sizes().testSessions()).isEqualTo(1);
        assertThat(split.sizes().testPredictions()).isEqualTo(2);
        assertThat(split.test().getFirst().items()).hasSize(3);
    }

    @Test
    void theCommandPrintsOneMachineReadableLinePerStrategyOnTheDigineticaSample() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Evaluate.run(
                new String[] {"evaluate", "--dataset", DIGINETICA.toString(), "--bootstrap", "200"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        assertThat(status).isZero();
        Map<String, Map<String, String>> byStrategy = new HashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            if (line.startsWith("strategy=")) {
                Map<String, String> fields = new HashMap<>();
                for (String pair : line.split(" ")) {
                    String[] kv = pair.split("=", 2);
                    fields.put(kv[0], kv[1]);
                }
                byStrategy.put(fields.get("strategy"), fields);
            }
        }
        assertThat(byStrategy).containsOnlyKeys("pop", "s-pop", "item-knn", "sknn", "v-sknn", "stan", "tailor");
        double tailorHr = Double.parseDouble(byStrategy.get("tailor").get("hr@20"));
        double tailorMrr = Double.parseDouble(byStrategy.get("tailor").get("mrr@20"));
        for (String neighbourhood : List.of("sknn", "v-sknn", "stan")) {
            assertThat(tailorHr)
                    .isGreaterThanOrEqualTo(
                            Double.parseDouble(byStrategy.get(neighbourhood).get("hr@20")));
            assertThat(tailorMrr)
                    .isGreaterThanOrEqualTo(
                            Double.parseDouble(byStrategy.get(neighbourhood).get("mrr@20")));
        }
        assertThat(Double.parseDouble(byStrategy.get("stan").get("hr@20")))
                .isGreaterThan(Double.parseDouble(byStrategy.get("item-knn").get("hr@20")))
                .isGreaterThan(Double.parseDouble(byStrategy.get("pop").get("hr@20")));
    }

    @Test
    void otherShapesAreReadThroughColumnOptions() throws Exception {
        Path csv = dir.resolve("clicks.tsv");
        StringBuilder rows = new StringBuilder();
        long t = 1_450_000_000L;
        for (int s = 0; s < 60; s++) {
            long start = t + s * 3_600L * 6;
            rows.append(s)
                    .append('\t')
                    .append("view\t")
                    .append("p")
                    .append(s % 3)
                    .append('\t')
                    .append(start)
                    .append('\n');
            rows.append(s)
                    .append('\t')
                    .append("cart\t")
                    .append("p9")
                    .append('\t')
                    .append(start + 1)
                    .append('\n');
            rows.append(s)
                    .append('\t')
                    .append("view\t")
                    .append("p")
                    .append(s % 3 + 3)
                    .append('\t')
                    .append(start + 2)
                    .append('\n');
        }
        rows.append("broken line\n");
        Files.writeString(csv, rows);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Evaluate.run(
                new String[] {
                    "--dataset",
                    csv.toString(),
                    "--format",
                    "custom",
                    "--delimiter",
                    "tab",
                    "--no-header",
                    "--session",
                    "0",
                    "--item",
                    "2",
                    "--time",
                    "3",
                    "--time-format",
                    "epoch-s",
                    "--filter-column",
                    "1",
                    "--filter-value",
                    "view",
                    "--test-days",
                    "3",
                    "--strategies",
                    "pop,sknn",
                    "--bootstrap",
                    "0"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("events=120").contains("strategy=pop ").contains("strategy=sknn ");
        assertThat(printed).doesNotContain("p9");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 rows skipped");
        // p0 is always followed by p3 (and so on): SKNN finds it every time
        assertThat(printed).contains("strategy=sknn hr@20=1.0000");
    }

    @Test
    void badOptionsAreExplained() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(Evaluate.run(new String[] {"--cutoff", "20"}, System.out, errors))
                .isEqualTo(2);
        assertThat(Evaluate.run(
                        new String[] {"--dataset", DIGINETICA.toString(), "--cutoff", "-3"}, System.out, errors))
                .isEqualTo(2);
        assertThat(Evaluate.run(
                        new String[] {"--dataset", DIGINETICA.toString(), "--format", "custom"}, System.out, errors))
                .isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--dataset is required")
                .contains("--cutoff must be a positive whole number")
                .contains("--format custom needs --session");
    }
}
