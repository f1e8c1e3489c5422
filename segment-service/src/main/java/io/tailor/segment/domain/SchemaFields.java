package io.tailor.segment.domain;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.tailor.rules.RuleSchema;
import java.util.ArrayList;
import java.util.List;

/** The fields rules may read, with their CEL types, from the declared {@link RuleSchema} (for the API and docs). */
public final class SchemaFields {

    /** One readable field: its path and CEL type. */
    public record Field(String path, String type) {}

    private static final List<Field> FIELDS = build();

    private SchemaFields() {}

    public static List<Field> all() {
        return FIELDS;
    }

    private static List<Field> build() {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("now", "timestamp"));
        walk("profile", RuleSchema.profile(), fields);
        walk("request", RuleSchema.request(), fields);
        return List.copyOf(fields);
    }

    private static void walk(String prefix, Descriptor d, List<Field> out) {
        for (FieldDescriptor f : d.getFields()) {
            String path = prefix + "." + f.getName();
            if (f.isMapField()) {
                out.add(new Field(path, "map(string, " + type(f.getMessageType().findFieldByName("value")) + ")"));
            } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !timestamp(f)) {
                if (f.isRepeated()) {
                    out.add(new Field(path, "list(" + f.getMessageType().getName() + ")"));
                    walk(path + "[]", f.getMessageType(), out);
                } else {
                    walk(path, f.getMessageType(), out);
                }
            } else {
                out.add(new Field(path, f.isRepeated() ? "list(" + type(f) + ")" : type(f)));
            }
        }
    }

    private static boolean timestamp(FieldDescriptor f) {
        return f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && f.getMessageType().getFullName().equals("google.protobuf.Timestamp");
    }

    private static String type(FieldDescriptor f) {
        if (timestamp(f)) {
            return "timestamp";
        }
        return switch (f.getJavaType()) {
            case STRING -> "string";
            case BOOLEAN -> "bool";
            case LONG, INT -> "int";
            case DOUBLE, FLOAT -> "double";
            default -> f.getJavaType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
