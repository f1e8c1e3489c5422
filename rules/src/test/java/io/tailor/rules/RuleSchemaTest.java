package io.tailor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import org.junit.jupiter.api.Test;

class RuleSchemaTest {

    @Test
    void fieldsByNameAreProtobufsOwnDescriptorsAtEveryLevel() {
        for (Descriptor type : new Descriptor[] {
            RuleSchema.profile(),
            RuleSchema.request(),
            RuleSchema.field(RuleSchema.profile(), "cart").getMessageType(),
            RuleSchema.field(RuleSchema.profile(), "rfm").getMessageType()
        }) {
            assertThat(type.getFields()).isNotEmpty();
            for (FieldDescriptor f : type.getFields()) {
                assertThat(RuleSchema.field(type, f.getName()))
                        .as("%s.%s", type.getName(), f.getName())
                        .isSameAs(type.findFieldByName(f.getName()));
            }
        }
    }

    @Test
    void anUnknownFieldIsNullAsInProtobuf() {
        assertThat(RuleSchema.field(RuleSchema.profile(), "noSuchField")).isNull();
        assertThat(RuleSchema.profile().findFieldByName("noSuchField")).isNull();
    }
}
