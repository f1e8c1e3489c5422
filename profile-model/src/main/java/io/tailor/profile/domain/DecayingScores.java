package io.tailor.profile.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Interest scores that halve every half-life: one weight per interaction, aged by time since. Scores are kept
 * relative to a reference instant so that events arriving out of order age correctly. Bounded to the strongest
 * {@code limit} keys.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
public final class DecayingScores {

    private static final int LIMIT = 50;

    private Map<String, Double> scores = new LinkedHashMap<>();
    private Instant reference;

    /** Adds {@code weight} for {@code key} as of {@code at}. */
    public void add(String key, double weight, Instant at, Duration halfLife) {
        if (key == null || key.isBlank() || at == null) {
            return;
        }
        if (reference == null) {
            reference = at;
        } else if (at.isAfter(reference)) {
            scale(factor(reference, at, halfLife));
            reference = at;
        } else {
            weight *= factor(at, reference, halfLife);
        }
        scores.merge(key, weight, Double::sum);
        if (scores.size() > LIMIT) {
            scores.entrySet().stream()
                    .min(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey)
                    .ifPresent(scores::remove);
        }
    }

    /** Folds another profile's scores into these. */
    public void absorb(DecayingScores other, Duration halfLife) {
        if (other == null || other.reference == null) {
            return;
        }
        other.scores.forEach((key, score) -> add(key, score, other.reference, halfLife));
    }

    /** Each key's share of the total interest at {@code now} (the shares sum to 1), strongest first. */
    public Map<String, Double> shares() {
        double total = scores.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        if (total <= 0) {
            return shares;
        }
        scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> shares.put(e.getKey(), Math.round(e.getValue() / total * 10_000) / 10_000.0));
        return shares;
    }

    /** The raw decayed score of each key as of {@code now}. */
    public Map<String, Double> at(Instant now, Duration halfLife) {
        Map<String, Double> aged = new LinkedHashMap<>();
        if (reference == null) {
            return aged;
        }
        double f = now.isAfter(reference) ? factor(reference, now, halfLife) : 1.0;
        scores.forEach((key, score) -> aged.put(key, score * f));
        return aged;
    }

    public boolean isEmpty() {
        return scores.isEmpty();
    }

    public void clear() {
        scores.clear();
        reference = null;
    }

    private void scale(double factor) {
        scores.replaceAll((key, score) -> score * factor);
    }

    private static double factor(Instant from, Instant to, Duration halfLife) {
        double halfLives = (double) Duration.between(from, to).toMillis() / halfLife.toMillis();
        return Math.pow(0.5, halfLives);
    }
}
