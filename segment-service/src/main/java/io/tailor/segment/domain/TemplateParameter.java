package io.tailor.segment.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One parameter of a {@link SegmentTemplates.Template}: its type decides which values it accepts and how a value
 * is written into the rule, so a value can never change the rule's shape (no quotes, no operators).
 *
 * @param name the placeholder {@code {name}} in the template's rule
 * @param type what it holds
 * @param defaultValue used when a segment does not give one
 * @param min the smallest number accepted (numbers, minutes, days)
 * @param max the largest number accepted (numbers, minutes, days)
 */
public record TemplateParameter(
        String name, Type type, String defaultValue, String description, BigDecimal min, BigDecimal max) {

    /** What a parameter holds and how it is written into CEL. */
    public enum Type {
        /** A whole number: {@code 2}. */
        INTEGER,
        /** A decimal number, written as a CEL double: {@code 0.5}. */
        NUMBER,
        /** Minutes (decimals allowed), written as {@code duration('30m')}. */
        MINUTES,
        /** Days (decimals allowed), written as {@code duration('2160h')}. */
        DAYS,
        /** A word or short phrase, written as a CEL string: {@code 'Home'}. */
        TEXT,
        /** Comma-separated words, written as a CEL list of strings: {@code ['email', 'newsletter']}. */
        TEXT_LIST
    }

    private static final Pattern TEXT = Pattern.compile("[\\p{L}\\p{N} _&.,:/()+\\-]{1,100}");
    private static final Pattern ITEM = Pattern.compile("[\\p{L}\\p{N} _&.:/()+\\-]{1,100}");
    private static final int MAX_ITEMS = 50;

    public static TemplateParameter integer(String name, long defaultValue, long min, long max, String description) {
        return new TemplateParameter(
                name,
                Type.INTEGER,
                Long.toString(defaultValue),
                description,
                BigDecimal.valueOf(min),
                BigDecimal.valueOf(max));
    }

    public static TemplateParameter number(
            String name, String defaultValue, String min, String max, String description) {
        return new TemplateParameter(
                name, Type.NUMBER, defaultValue, description, new BigDecimal(min), new BigDecimal(max));
    }

    public static TemplateParameter minutes(String name, String defaultValue, String max, String description) {
        return new TemplateParameter(
                name, Type.MINUTES, defaultValue, description, BigDecimal.ZERO, new BigDecimal(max));
    }

    public static TemplateParameter days(String name, String defaultValue, String max, String description) {
        return new TemplateParameter(name, Type.DAYS, defaultValue, description, BigDecimal.ZERO, new BigDecimal(max));
    }

    public static TemplateParameter text(String name, String defaultValue, String description) {
        return new TemplateParameter(name, Type.TEXT, defaultValue, description, null, null);
    }

    public static TemplateParameter list(String name, String defaultValue, String description) {
        return new TemplateParameter(name, Type.TEXT_LIST, defaultValue, description, null, null);
    }

    /** Why {@code value} is not acceptable, or empty when it is. */
    public Optional<String> check(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("a value is required");
        }
        return switch (type) {
            case INTEGER -> {
                if (!value.matches("-?\\d{1,12}")) {
                    yield Optional.of("a whole number");
                }
                yield range(new BigDecimal(value));
            }
            case NUMBER, MINUTES, DAYS -> {
                if (!value.matches("-?\\d{1,9}(\\.\\d{1,6})?")) {
                    yield Optional.of("a number, e.g. 30 or 0.5");
                }
                yield range(new BigDecimal(value));
            }
            case TEXT ->
                TEXT.matcher(value).matches()
                        ? Optional.empty()
                        : Optional.of("letters, digits, spaces and _ & . , : / ( ) + - (max 100)");
            case TEXT_LIST -> {
                List<String> items = items(value);
                if (items.isEmpty() || items.size() > MAX_ITEMS) {
                    yield Optional.of("1 to " + MAX_ITEMS + " comma-separated values");
                }
                yield items.stream().allMatch(i -> ITEM.matcher(i).matches())
                        ? Optional.empty()
                        : Optional.of("each value: letters, digits, spaces and _ & . : / ( ) + - (max 100)");
            }
        };
    }

    private Optional<String> range(BigDecimal number) {
        if (min != null && number.compareTo(min) < 0) {
            return Optional.of("at least " + min.toPlainString());
        }
        if (max != null && number.compareTo(max) > 0) {
            return Optional.of("at most " + max.toPlainString());
        }
        return Optional.empty();
    }

    /** The CEL text for an accepted value. */
    public String render(String value) {
        return switch (type) {
            case INTEGER -> Long.toString(Long.parseLong(value));
            case NUMBER -> {
                String plain = new BigDecimal(value).stripTrailingZeros().toPlainString();
                yield plain.contains(".") ? plain : plain + ".0";
            }
            case MINUTES -> "duration('" + plain(new BigDecimal(value)) + "m')";
            case DAYS -> "duration('" + plain(new BigDecimal(value).multiply(BigDecimal.valueOf(24))) + "h')";
            case TEXT -> "'" + value + "'";
            case TEXT_LIST -> {
                List<String> quoted = new ArrayList<>();
                items(value).forEach(i -> quoted.add("'" + i + "'"));
                yield "[" + String.join(", ", quoted) + "]";
            }
        };
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    private static List<String> items(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }
}
