package io.tailor.segment.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.tailor.kit.problem.ProblemException;
import java.io.IOException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Reads a request body strictly: a field the API does not know (a typo such as {@code "rul"}) is refused with its
 * name rather than ignored, so a definition is never saved without the part its author meant to give.
 */
final class StrictJson {

    private StrictJson() {}

    static <T> T read(ObjectMapper mapper, JsonNode body, Class<T> type) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return null;
        }
        if (!body.isObject()) {
            throw ProblemException.invalid("", "a JSON object is required");
        }
        try {
            return mapper.readerFor(type)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(body);
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.invalid(path(e), "unknown field; known fields: " + known(e.getKnownPropertyIds()));
        } catch (JsonMappingException e) {
            throw ProblemException.invalid(
                    path(e),
                    "wrong type: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw ProblemException.invalid("", "unreadable JSON: " + e.getMessage());
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }
}
