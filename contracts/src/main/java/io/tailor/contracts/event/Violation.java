package io.tailor.contracts.event;

/**
 * One reason an input was refused.
 *
 * @param field the JSON path of the offending field, e.g. {@code properties.lines[2].quantity}
 * @param message what is wrong, in plain words
 */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
