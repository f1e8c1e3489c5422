package io.tailor.recommendation.offline;

import io.tailor.recommendation.session.SessionIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The preparation and time-based split of Wu et al. (SR-GNN, AAAI 2019) used by Ludewig et al.: sessions of one event
 * and items seen fewer than {@code minItemSupport} times are dropped, the sessions of the last {@code testDays} days
 * are the test set, and test items never seen in training are removed (then test sessions of one event too).
 */
public final class SessionSplit {

    /** A test session: item ids (of the training index) and each event's time in seconds. */
    public record TestSession(int[] items, long[] seconds) {}

    /** Sizes, for the report. */
    public record Sizes(
            int trainSessions, long trainEvents, int items, int testSessions, long testPredictions, String splitAt) {}

    private final SessionIndex train;
    private final List<TestSession> test;
    private final Sizes sizes;

    private SessionSplit(SessionIndex train, List<TestSession> test, Sizes sizes) {
        this.train = train;
        this.test = test;
        this.sizes = sizes;
    }

    public SessionIndex train() {
        return train;
    }

    public List<TestSession> test() {
        return test;
    }

    public Sizes sizes() {
        return sizes;
    }

    private record Click(String item, long millis, long order) {}

    public static SessionSplit of(List<SessionCsv.Event> events, int minItemSupport, int testDays) {
        Map<String, List<Click>> sessions = new LinkedHashMap<>();
        long order = 0;
        for (SessionCsv.Event e : events) {
            sessions.computeIfAbsent(e.session(), s -> new ArrayList<>()).add(new Click(e.item(), e.millis(), order++));
        }
        sessions.values()
                .forEach(clicks ->
                        clicks.sort(Comparator.comparingLong(Click::millis).thenComparingLong(Click::order)));
        sessions.values().removeIf(clicks -> clicks.size() < 2);
        Map<String, Integer> support = new HashMap<>();
        sessions.values().forEach(clicks -> clicks.forEach(c -> support.merge(c.item(), 1, Integer::sum)));
        sessions.values().forEach(clicks -> clicks.removeIf(c -> support.get(c.item()) < minItemSupport));
        sessions.values().removeIf(clicks -> clicks.size() < 2);

        long last = sessions.values().stream()
                .mapToLong(clicks -> clicks.getLast().millis())
                .max()
                .orElse(0);
        long splitAt = last - testDays * 86_400_000L;
        List<List<Click>> trainSessions = new ArrayList<>();
        List<List<Click>> testSessions = new ArrayList<>();
        for (List<Click> clicks : sessions.values()) {
            (clicks.getLast().millis() < splitAt ? trainSessions : testSessions).add(clicks);
        }

        Map<String, Integer> ids = new HashMap<>();
        int[][] trainItems = new int[trainSessions.size()][];
        long[] trainTimes = new long[trainSessions.size()];
        long trainEvents = 0;
        for (int s = 0; s < trainSessions.size(); s++) {
            List<Click> clicks = trainSessions.get(s);
            trainItems[s] = new int[clicks.size()];
            for (int i = 0; i < clicks.size(); i++) {
                trainItems[s][i] = ids.computeIfAbsent(clicks.get(i).item(), k -> ids.size());
            }
            trainTimes[s] = clicks.getLast().millis() / 1000;
            trainEvents += clicks.size();
        }
        SessionIndex index = SessionIndex.of(trainItems, trainTimes, ids.size());

        List<TestSession> test = new ArrayList<>();
        long predictions = 0;
        for (List<Click> clicks : testSessions) {
            List<Click> known =
                    clicks.stream().filter(c -> ids.containsKey(c.item())).toList();
            if (known.size() < 2) {
                continue;
            }
            int[] items = new int[known.size()];
            long[] seconds = new long[known.size()];
            for (int i = 0; i < known.size(); i++) {
                items[i] = ids.get(known.get(i).item());
                seconds[i] = known.get(i).millis() / 1000;
            }
            test.add(new TestSession(items, seconds));
            predictions += items.length - 1;
        }
        return new SessionSplit(
                index,
                test,
                new Sizes(
                        trainSessions.size(),
                        trainEvents,
                        ids.size(),
                        test.size(),
                        predictions,
                        SessionCsv.iso(splitAt)));
    }
}
