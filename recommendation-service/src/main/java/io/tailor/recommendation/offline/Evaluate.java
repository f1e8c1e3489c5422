package io.tailor.recommendation.offline;

import io.tailor.recommendation.session.Baselines;
import io.tailor.recommendation.session.Fallbacks;
import io.tailor.recommendation.session.SessionIndex;
import io.tailor.recommendation.session.SessionKnn;
import io.tailor.recommendation.session.SessionRecommender;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The offline evaluation command: {@code ./tailor evaluate --dataset FILE [options]} (docs/recommendations-offline.md).
 * Prints the split's sizes, then one line per strategy:
 * {@code strategy=stan hr@20=0.5012 mrr@20=0.2031 coverage=0.4100 popularity=0.0312 ...}.
 */
public final class Evaluate {

    static final String USAGE =
            """
            usage: evaluate --dataset FILE [options]
              --format diginetica|custom     column preset (default diginetica)
              --delimiter C                  field separator (default ';' for diginetica, ',' otherwise; 'tab' for a tab)
              --no-header                    the first line is data; name columns by 0-based position
              --session COL --item COL --time COL
                                             columns by header name or 0-based position
              --time-format epoch-s|epoch-ms|iso|date
              --offset COL                   with date: milliseconds added to the day (e.g. time in session)
              --filter-column COL --filter-value V
                                             keep only rows with this value (e.g. an event type column)
              --min-item-support N           drop items seen fewer than N times (default 5)
              --test-days N                  the last N days are the test set (default 7)
              --cutoff N                     list length for HR@N and MRR@N (default 20)
              --bootstrap N                  bootstrap rounds for the 95% intervals (default 1000; 0 = none)
              --strategies a,b,...           pop,s-pop,item-knn,sknn,v-sknn,stan,tailor (default all)
              --replicate N                  evaluate on N copies of the dataset (scale test; default 1)
            """;

    private Evaluate() {}

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Path dataset = Path.of(options.get("dataset"));
        if (!Files.isReadable(dataset)) {
            err.println("cannot read the dataset " + dataset);
            return 2;
        }
        SessionCsv.Options csv;
        List<String> strategies;
        int minSupport;
        int testDays;
        int cutoff;
        int bootstrap;
        int replicate;
        try {
            csv = csvOptions(options);
            strategies = List.of(options.getOrDefault("strategies", "pop,s-pop,item-knn,sknn,v-sknn,stan,tailor")
                    .split(","));
            minSupport = positive(options, "min-item-support", 5);
            testDays = positive(options, "test-days", 7);
            cutoff = positive(options, "cutoff", 20);
            bootstrap = Integer.parseInt(options.getOrDefault("bootstrap", "1000"));
            replicate = positive(options, "replicate", 1);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }

        long started = System.nanoTime();
        SessionCsv.Result read = SessionCsv.read(dataset, csv);
        if (!read.rejected().isEmpty()) {
            err.printf(
                    "%d rows skipped, e.g. line %d: %s%n",
                    read.rejected().size(),
                    read.rejected().getFirst().line(),
                    read.rejected().getFirst().reason());
        }
        List<SessionCsv.Event> events = replicate(read.events(), replicate);
        SessionSplit split = SessionSplit.of(events, minSupport, testDays);
        SessionSplit.Sizes sizes = split.sizes();
        out.printf(
                Locale.ROOT,
                "dataset=%s events=%d train-sessions=%d train-events=%d items=%d test-sessions=%d"
                        + " test-predictions=%d split-at=%s prepared-in=%.1fs%n",
                dataset.getFileName(),
                events.size(),
                sizes.trainSessions(),
                sizes.trainEvents(),
                sizes.items(),
                sizes.testSessions(),
                sizes.testPredictions(),
                sizes.splitAt(),
                (System.nanoTime() - started) / 1e9);
        if (sizes.testPredictions() == 0) {
            err.println("not enough data: the test set has no predictions (try --test-days or --min-item-support)");
            return 1;
        }
        for (String name : strategies) {
            SessionRecommender recommender = strategy(name.trim(), split.train());
            Evaluation.Result r = Evaluation.run(recommender, split.train(), split.test(), cutoff, bootstrap, 42);
            out.printf(
                    Locale.ROOT,
                    "strategy=%s hr@%d=%.4f mrr@%d=%.4f coverage=%.4f popularity=%.4f hr@%d-ci95=%.4f..%.4f"
                            + " mrr@%d-ci95=%.4f..%.4f predictions=%d seconds=%.1f%n",
                    r.strategy(),
                    cutoff,
                    r.hitRate(),
                    cutoff,
                    r.mrr(),
                    r.coverage(),
                    r.popularity(),
                    cutoff,
                    r.hitRateInterval()[0],
                    r.hitRateInterval()[1],
                    cutoff,
                    r.mrrInterval()[0],
                    r.mrrInterval()[1],
                    r.predictions(),
                    r.seconds());
        }
        Runtime runtime = Runtime.getRuntime();
        out.printf(
                Locale.ROOT,
                "total-seconds=%.1f heap-used-mib=%d%n",
                (System.nanoTime() - started) / 1e9,
                (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        return 0;
    }

    /** The strategies by name; {@code tailor} is the blend a session placement serves. */
    static SessionRecommender strategy(String name, SessionIndex train) {
        return switch (name) {
            case "pop" -> Baselines.pop(train);
            case "s-pop" -> Baselines.sessionPop(train);
            case "item-knn" -> Baselines.itemKnn(train, 0.5, 20);
            case "sknn" -> SessionKnn.sknn(train, SessionKnn.Parameters.sknn());
            case "v-sknn" -> SessionKnn.vsknn(train, SessionKnn.Parameters.vsknn());
            case "stan" -> SessionKnn.stan(train, SessionKnn.Parameters.stan());
            case "tailor" ->
                new Fallbacks(
                        "tailor",
                        List.of(
                                SessionKnn.stan(train, SessionKnn.Parameters.stan()),
                                Baselines.itemKnn(train, 0.5, 20),
                                Baselines.pop(train)));
            default -> throw new IllegalArgumentException("unknown strategy " + name);
        };
    }

    /** N copies of the events, each copy's sessions renamed; items and times stay (a denser, larger dataset). */
    static List<SessionCsv.Event> replicate(List<SessionCsv.Event> events, int copies) {
        if (copies == 1) {
            return events;
        }
        List<SessionCsv.Event> out = new ArrayList<>(events.size() * copies);
        for (int c = 0; c < copies; c++) {
            for (SessionCsv.Event e : events) {
                out.add(new SessionCsv.Event(e.session() + "#" + c, e.item(), e.millis()));
            }
        }
        return out;
    }

    private static SessionCsv.Options csvOptions(Map<String, String> o) {
        String format = o.getOrDefault("format", "diginetica");
        SessionCsv.Options base =
                switch (format) {
                    case "diginetica" -> SessionCsv.Options.diginetica();
                    case "custom" -> new SessionCsv.Options(',', true, null, null, null, null, null, null, null);
                    default -> throw new IllegalArgumentException("unknown --format " + format);
                };
        String delimiter = o.get("delimiter");
        char d = delimiter == null
                ? base.delimiter()
                : "tab".equals(delimiter) ? '\t' : delimiter.length() == 1 ? delimiter.charAt(0) : 0;
        if (d == 0) {
            throw new IllegalArgumentException("--delimiter must be one character or 'tab'");
        }
        SessionCsv.TimeFormat timeFormat =
                o.containsKey("time-format") ? timeFormat(o.get("time-format")) : base.format();
        SessionCsv.Options options = new SessionCsv.Options(
                d,
                !o.containsKey("no-header") && base.header(),
                o.getOrDefault("session", base.session()),
                o.getOrDefault("item", base.item()),
                o.getOrDefault("time", base.time()),
                timeFormat,
                o.containsKey("offset")
                        ? o.get("offset")
                        : timeFormat == SessionCsv.TimeFormat.DATE ? base.offset() : null,
                o.get("filter-column"),
                o.get("filter-value"));
        if (options.session() == null || options.item() == null || options.time() == null || options.format() == null) {
            throw new IllegalArgumentException("--format custom needs --session, --item, --time and --time-format");
        }
        if ((options.filterColumn() == null) != (options.filterValue() == null)) {
            throw new IllegalArgumentException("--filter-column and --filter-value go together");
        }
        return options;
    }

    private static SessionCsv.TimeFormat timeFormat(String value) {
        return switch (value) {
            case "epoch-s" -> SessionCsv.TimeFormat.EPOCH_SECONDS;
            case "epoch-ms" -> SessionCsv.TimeFormat.EPOCH_MILLIS;
            case "iso" -> SessionCsv.TimeFormat.ISO;
            case "date" -> SessionCsv.TimeFormat.DATE;
            default -> throw new IllegalArgumentException("unknown --time-format " + value);
        };
    }

    private static int positive(Map<String, String> o, String name, int fallback) {
        String value = o.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive whole number, not " + value);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i == 0 && a.equals("evaluate")) {
                continue;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String name = a.substring(2);
            if (name.equals("no-header")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException(a + " needs a value");
            }
        }
        if (!options.containsKey("dataset")) {
            throw new IllegalArgumentException("--dataset is required");
        }
        return options;
    }
}
