package io.tailor.rules;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.TimestampProto;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The declared schema segment rules are type-checked against: what {@code profile}, {@code request} and
 * {@code now} hold (docs/segments.md lists every field). Built as protobuf descriptors in code, so CEL checks field
 * names and types at save time and rejects {@code profile.unknownField} with its position.
 */
public final class RuleSchema {

    public static final String PACKAGE = "tailor.segment";

    private static final FileDescriptor FILE = build();
    private static final Descriptor PROFILE = FILE.findMessageTypeByName("Profile");
    private static final Descriptor REQUEST = FILE.findMessageTypeByName("Request");
    private static final Map<Descriptor, Map<String, FieldDescriptor>> FIELDS = new ConcurrentHashMap<>();

    private RuleSchema() {}

    public static FileDescriptor file() {
        return FILE;
    }

    public static Descriptor profile() {
        return PROFILE;
    }

    public static Descriptor request() {
        return REQUEST;
    }

    /**
     * A message type's field by name, or null when it has none. Protobuf's {@link Descriptor#findFieldByName} builds
     * and hashes the field's full name on every call, and building a rule input makes dozens of such calls per
     * profile: 7.4% of segment-service's CPU samples while it evaluated ingested profile changes (JFR, 0.6% after).
     * This looks the name up in a map built once per type.
     */
    public static FieldDescriptor field(Descriptor type, String name) {
        return FIELDS.computeIfAbsent(type, RuleSchema::fieldsByName).get(name);
    }

    private static Map<String, FieldDescriptor> fieldsByName(Descriptor type) {
        Map<String, FieldDescriptor> byName = new HashMap<>();
        type.getFields().forEach(f -> byName.put(f.getName(), f));
        return Map.copyOf(byName);
    }

    private static FileDescriptor build() {
        FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder()
                .setName("tailor/segment/rules.proto")
                .setPackage(PACKAGE)
                .setSyntax("proto3")
                .addDependency(TimestampProto.getDescriptor().getFile().getName());

        file.addMessageType(message("Touch", f -> f.string("source", 1)
                .string("medium", 2)
                .string("campaign", 3)
                .string("content", 4)
                .string("term", 5)
                .timestamp("at", 6)));
        file.addMessageType(message("Consent", f -> f.bool("personalization", 1)
                .bool("analytics", 2)
                .bool("marketingEmail", 3)
                .bool("answered", 4)));
        file.addMessageType(message("Cart", f -> f.int64("items", 1)
                .float64("value", 2)
                .timestamp("updatedAt", 3)
                .repeatedString("productIds", 4)
                .int64("units", 5)
                .repeatedString("categories", 6)));
        file.addMessageType(message("Purchase", f -> f.string("productId", 1)
                .int64("orders", 2)
                .int64("units", 3)
                .timestamp("lastPurchasedAt", 4)
                .float64("averageIntervalDays", 5)
                .timestamp("nextDueAt", 6)
                .timestamp("firstPurchasedAt", 7)));
        file.addMessageType(message(
                "Replenishment",
                f -> f.string("productId", 1).int64("orders", 2).timestamp("dueAt", 3)));
        file.addMessageType(message("Rfm", f -> f.int64("recency", 1)
                .int64("frequency", 2)
                .int64("monetary", 3)
                .string("code", 4)));
        file.addMessageType(message("Profile", f -> f.string("id", 1)
                .bool("known", 2)
                .map("traits", 3, Type.TYPE_STRING)
                .message("consent", 4, "Consent")
                .timestamp("firstSeen", 5)
                .timestamp("lastSeen", 6)
                .int64("sessions", 7)
                .int64("pageViews", 8)
                .int64("productViews", 9)
                .int64("orders", 10)
                .float64("totalSpend", 11)
                .float64("averageOrderValue", 12)
                .timestamp("lastOrderAt", 13)
                .repeatedString("recentlyViewed", 14)
                .message("cart", 15, "Cart")
                .map("categoryAffinity", 16, Type.TYPE_DOUBLE)
                .map("brandAffinity", 17, Type.TYPE_DOUBLE)
                .map("priceBandAffinity", 18, Type.TYPE_DOUBLE)
                .repeatedMessage("purchases", 19, "Purchase")
                .message("firstTouch", 20, "Touch")
                .message("latestTouch", 21, "Touch")
                .string("device", 22)
                .string("country", 23)
                .string("lifecycle", 24)
                .message("rfm", 25, "Rfm")
                .float64("spendPercentile", 26)
                .int64("emailClicks", 27)
                .timestamp("lastViewedAt", 28)
                .repeatedMessage("replenishment", 29, "Replenishment")));
        file.addMessageType(message("Request", f -> f.string("pageType", 1)
                .string("url", 2)
                .string("productId", 3)
                .repeatedString("categoryPath", 4)
                .string("query", 5)
                .message("utm", 6, "Touch")
                .string("device", 7)
                .string("country", 8)
                .string("locale", 9)
                .string("referrer", 10)
                .repeatedString("cartProductIds", 11)));
        try {
            return FileDescriptor.buildFrom(file.build(), new FileDescriptor[] {TimestampProto.getDescriptor()});
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException("the rule schema is invalid", e);
        }
    }

    private static DescriptorProto message(String name, java.util.function.UnaryOperator<Fields> fields) {
        Fields f = new Fields(DescriptorProto.newBuilder().setName(name));
        return fields.apply(f).message.build();
    }

    /** Adds fields to a message under construction. */
    private static final class Fields {
        private final DescriptorProto.Builder message;

        Fields(DescriptorProto.Builder message) {
            this.message = message;
        }

        Fields string(String name, int number) {
            return scalar(name, number, Type.TYPE_STRING, Label.LABEL_OPTIONAL);
        }

        Fields bool(String name, int number) {
            return scalar(name, number, Type.TYPE_BOOL, Label.LABEL_OPTIONAL);
        }

        Fields int64(String name, int number) {
            return scalar(name, number, Type.TYPE_INT64, Label.LABEL_OPTIONAL);
        }

        Fields float64(String name, int number) {
            return scalar(name, number, Type.TYPE_DOUBLE, Label.LABEL_OPTIONAL);
        }

        Fields repeatedString(String name, int number) {
            return scalar(name, number, Type.TYPE_STRING, Label.LABEL_REPEATED);
        }

        Fields timestamp(String name, int number) {
            message.addField(field(name, number, Label.LABEL_OPTIONAL)
                    .setType(Type.TYPE_MESSAGE)
                    .setTypeName(".google.protobuf.Timestamp"));
            return this;
        }

        Fields message(String name, int number, String type) {
            message.addField(field(name, number, Label.LABEL_OPTIONAL)
                    .setType(Type.TYPE_MESSAGE)
                    .setTypeName("." + PACKAGE + "." + type));
            return this;
        }

        Fields repeatedMessage(String name, int number, String type) {
            message.addField(field(name, number, Label.LABEL_REPEATED)
                    .setType(Type.TYPE_MESSAGE)
                    .setTypeName("." + PACKAGE + "." + type));
            return this;
        }

        /** A map field: a repeated nested entry message with key and value, as protoc generates it. */
        Fields map(String name, int number, Type valueType) {
            String entry = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Entry";
            message.addNestedType(DescriptorProto.newBuilder()
                    .setName(entry)
                    .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                    .addField(field("key", 1, Label.LABEL_OPTIONAL).setType(Type.TYPE_STRING))
                    .addField(field("value", 2, Label.LABEL_OPTIONAL).setType(valueType)));
            message.addField(field(name, number, Label.LABEL_REPEATED)
                    .setType(Type.TYPE_MESSAGE)
                    .setTypeName("." + PACKAGE + "." + message.getName() + "." + entry));
            return this;
        }

        private Fields scalar(String name, int number, Type type, Label label) {
            message.addField(field(name, number, label).setType(type));
            return this;
        }

        private static FieldDescriptorProto.Builder field(String name, int number, Label label) {
            return FieldDescriptorProto.newBuilder()
                    .setName(name)
                    .setNumber(number)
                    .setLabel(label)
                    .setJsonName(name);
        }
    }
}
