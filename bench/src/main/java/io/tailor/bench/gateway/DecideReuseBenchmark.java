package io.tailor.bench.gateway;

import io.tailor.bench.BenchSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How often a per-shopper decide cache, or coalescing of a shopper's concurrent decide calls, could answer, measured
 * on real shopping sessions: every product view of the DIGINETICA sample ({@code data/diginetica-sample-item-views.csv})
 * is one page request, hence one decide call, at the time the dataset gives it. A cache kept for {@code ttl} answers a
 * page request only when the same shopper's previous page request came at most {@code ttl} earlier; coalescing helps
 * only when two of one shopper's requests are in flight at once (a gap below the decide deadline).
 *
 * <p>The figures decide whether the gateway caches (docs/gateway.md): reuse is counted as an upper bound, as if
 * nothing the answer depends on (consent, cart, segments, the page) changed between the two requests.
 *
 * <p>Usage: {@code ./bench/run.sh gateway.DecideReuseBenchmark}
 */
public final class DecideReuseBenchmark {

    private static final long[] TTLS_MS = {50, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000};

    private DecideReuseBenchmark() {}

    public static void main(String[] args) throws IOException {
        BenchSupport.machine();
        Path file = BenchSupport.root().resolve("data/diginetica-sample-item-views.csv");
        Map<String, List<Long>> sessions = sessions(file);
        List<Long> gaps = new ArrayList<>();
        long views = 0;
        for (List<Long> times : sessions.values()) {
            Collections.sort(times);
            views += times.size();
            for (int i = 1; i < times.size(); i++) {
                gaps.add(times.get(i) - times.get(i - 1));
            }
        }
        Collections.sort(gaps);
        System.out.printf(
                Locale.ROOT,
                "page requests=%d sessions=%d repeat requests=%d; gap to the same shopper's previous request:"
                        + " p10=%.1fs median=%.1fs p90=%.1fs%n",
                views,
                sessions.size(),
                gaps.size(),
                gaps.get(gaps.size() / 10) / 1000.0,
                gaps.get(gaps.size() / 2) / 1000.0,
                gaps.get(gaps.size() * 9 / 10) / 1000.0);
        for (long ttl : TTLS_MS) {
            long reusable = gaps.stream().filter(g -> g <= ttl).count();
            System.out.printf(
                    Locale.ROOT,
                    "ttl=%dms page requests a per-shopper cache could answer=%d (%.2f%%)%n",
                    ttl,
                    reusable,
                    100.0 * reusable / views);
        }
    }

    /** Session id to the times (milliseconds into the session) of its views. */
    private static Map<String, List<Long>> sessions(Path file) throws IOException {
        Map<String, List<Long>> sessions = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(";", -1);
            if (fields.length < 4 || fields[3].isBlank()) {
                continue;
            }
            sessions.computeIfAbsent(fields[0], k -> new ArrayList<>()).add(Long.parseLong(fields[3].trim()));
        }
        return sessions;
    }
}
