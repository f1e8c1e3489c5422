package io.tailor.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.tailor.contracts.event.Violation;

/** Describes why JSON could not be read as the expected type, naming the field in JSON-path form. */
public final class JsonFailures {

    private JsonFailures() {}

    /** The violation of a mapping failure, its field under {@code prefix} (e.g. {@code events[3].}). */
    public static Violation violation(JsonProcessingException e, String prefix) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "";
        return new Violation(prefix + field, describe(e));
    }

    /** The JSON path of a mapping failure, e.g. {@code events[3].properties.price}. */
    public static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        if (e instanceof InvalidFormatException format) {
            return "'" + format.getValue() + "' is not a valid " + typeName(format.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch) {
            return "expected " + typeName(mismatch.getTargetType());
        }
        return "could not be read";
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == String.class || type.isEnum()) {
            return "string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "ISO-8601 timestamp";
        }
        return "object";
    }
}
