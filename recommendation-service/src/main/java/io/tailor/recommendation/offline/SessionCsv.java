package io.tailor.recommendation.offline;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a session dataset from a delimited text file: one row per event with a session id, an item id and a time,
 * in the shapes the common datasets use. Columns are named by header name or by 0-based position.
 */
public final class SessionCsv {

    /** How time is written in the time column. */
    public enum TimeFormat {
        /** Seconds since 1970. */
        EPOCH_SECONDS,
        /** Milliseconds since 1970. */
        EPOCH_MILLIS,
        /** An ISO-8601 date-time, with or without offset (UTC assumed), e.g. 2016-05-09T10:11:12Z. */
        ISO,
        /** An ISO date (2016-05-09), to which the offset column (milliseconds) is added. */
        DATE
    }

    /**
     * @param delimiter the field separator
     * @param header whether the first line names the columns
     * @param session the session id column (name or position)
     * @param item the item id column
     * @param time the time column
     * @param format how the time column is written
     * @param offset with {@link TimeFormat#DATE}: a column of milliseconds added to the day (e.g. time in session)
     * @param filterColumn optional: only rows whose value in this column is {@code filterValue} (e.g. event type)
     * @param filterValue the value kept
     */
    public record Options(
            char delimiter,
            boolean header,
            String session,
            String item,
            String time,
            TimeFormat format,
            String offset,
            String filterColumn,
            String filterValue) {

        /** DIGINETICA's item views as shipped with SR-GNN: session_id;user_id;item_id;timeframe;eventdate. */
        public static Options diginetica() {
            return new Options(
                    ';', true, "session_id", "item_id", "eventdate", TimeFormat.DATE, "timeframe", null, null);
        }
    }

    /** One event: the session, the item and the time in milliseconds. */
    public record Event(String session, String item, long millis) {}

    /** A row that could not be read, and why. */
    public record Rejected(long line, String reason) {}

    /** What was read. */
    public record Result(List<Event> events, List<Rejected> rejected) {}

    private SessionCsv() {}

    public static Result read(Path file, Options options) throws IOException {
        List<Event> events = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null) {
                return new Result(events, rejected);
            }
            List<String> names = options.header() ? split(line, options.delimiter()) : List.of();
            int sessionAt = column(names, options.session(), "session");
            int itemAt = column(names, options.item(), "item");
            int timeAt = column(names, options.time(), "time");
            int offsetAt = options.offset() == null ? -1 : column(names, options.offset(), "offset");
            int filterAt = options.filterColumn() == null ? -1 : column(names, options.filterColumn(), "filter");
            long number = 1;
            if (!options.header()) {
                number = 0;
                read(line, 1, options, sessionAt, itemAt, timeAt, offsetAt, filterAt, events, rejected);
            }
            while ((line = in.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    read(line, number, options, sessionAt, itemAt, timeAt, offsetAt, filterAt, events, rejected);
                }
            }
        }
        return new Result(events, rejected);
    }

    private static void read(
            String line,
            long number,
            Options options,
            int sessionAt,
            int itemAt,
            int timeAt,
            int offsetAt,
            int filterAt,
            List<Event> events,
            List<Rejected> rejected) {
        List<String> fields = split(line, options.delimiter());
        int needed = Math.max(Math.max(sessionAt, itemAt), Math.max(Math.max(timeAt, offsetAt), filterAt));
        if (fields.size() <= needed) {
            rejected.add(new Rejected(number, "has " + fields.size() + " fields, needs " + (needed + 1)));
            return;
        }
        if (filterAt >= 0 && !fields.get(filterAt).equals(options.filterValue())) {
            return;
        }
        String session = fields.get(sessionAt).trim();
        String item = fields.get(itemAt).trim();
        if (session.isEmpty() || item.isEmpty()) {
            rejected.add(new Rejected(number, "empty session or item"));
            return;
        }
        try {
            long millis = millis(fields.get(timeAt).trim(), options.format());
            if (offsetAt >= 0) {
                millis += Long.parseLong(fields.get(offsetAt).trim());
            }
            events.add(new Event(session, item, millis));
        } catch (NumberFormatException | DateTimeParseException e) {
            rejected.add(new Rejected(number, "unreadable time: " + e.getMessage()));
        }
    }

    static long millis(String value, TimeFormat format) {
        return switch (format) {
            case EPOCH_SECONDS -> Math.round(Double.parseDouble(value) * 1000);
            case EPOCH_MILLIS -> Long.parseLong(value);
            case DATE ->
                LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            case ISO -> {
                String v = value.replace(' ', 'T');
                try {
                    yield OffsetDateTime.parse(v).toInstant().toEpochMilli();
                } catch (DateTimeParseException noOffset) {
                    yield LocalDateTime.parse(v).toInstant(ZoneOffset.UTC).toEpochMilli();
                }
            }
        };
    }

    private static int column(List<String> names, String column, String what) {
        if (column.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(column);
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).trim().toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        throw new IllegalArgumentException("the " + what + " column '" + column + "' is not in the header " + names
                + " (name a column or give its 0-based position)");
    }

    private static List<String> split(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == delimiter) {
                out.add(unquote(line.substring(start, i)));
                start = i + 1;
            }
        }
        out.add(unquote(line.substring(start)));
        return out;
    }

    private static String unquote(String field) {
        String f = field.trim();
        return f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"") ? f.substring(1, f.length() - 1) : f;
    }

    /** For messages: an instant as ISO text. */
    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
