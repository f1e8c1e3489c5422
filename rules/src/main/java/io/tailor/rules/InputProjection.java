package io.tailor.rules;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * Decodes, from a profile input stored in its compact protobuf encoding ({@link Message#toByteArray()} of
 * {@link RuleInputs#profile}), only the top-level fields some rules read, and adds the scores. Evaluating one rule
 * over many stored profiles (previews, backfills) then costs what the rule reads, not the whole profile.
 */
public final class InputProjection {

    private static final Descriptor PROFILE = RuleSchema.profile();
    private static final int RFM = PROFILE.findFieldByName("rfm").getNumber();
    private static final int SPEND_PERCENTILE =
            PROFILE.findFieldByName("spendPercentile").getNumber();

    private final boolean[] wanted;
    private final boolean all;
    private final boolean scores;

    private InputProjection(boolean[] wanted, boolean all, boolean scores) {
        this.wanted = wanted;
        this.all = all;
        this.scores = scores;
    }

    /** A projection for rules reading {@code fields} (paths as {@link RuleEngine.Compiled#fields()} lists them). */
    public static InputProjection of(Collection<String> fields) {
        int max = PROFILE.getFields().stream()
                .mapToInt(FieldDescriptor::getNumber)
                .max()
                .orElse(0);
        boolean[] wanted = new boolean[max + 1];
        boolean all = false;
        for (String path : fields) {
            if (path.equals("profile")) {
                all = true;
            } else if (path.startsWith("profile.")) {
                String top = path.substring("profile.".length()).split("\\.", 2)[0];
                FieldDescriptor f = PROFILE.findFieldByName(top);
                if (f != null) {
                    wanted[f.getNumber()] = true;
                }
            }
        }
        boolean scores = all || wanted[RFM] || wanted[SPEND_PERCENTILE];
        return new InputProjection(wanted, all, scores);
    }

    /** Whether the rules read the scores (RFM or spend percentile), which move with everyone's data. */
    public boolean readsScores() {
        return scores;
    }

    /** The profile input with the wanted fields of {@code encoded} and the scores. */
    public Message profile(byte[] encoded, RuleInputs.Scores scoresNow) {
        try {
            DynamicMessage.Builder b = DynamicMessage.newBuilder(PROFILE);
            if (all) {
                b.mergeFrom(encoded);
            } else {
                b.mergeFrom(filter(encoded));
            }
            if (scores) {
                RuleInputs.setScores(b, scoresNow);
            }
            return b.build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an encoded profile input", e);
        }
    }

    private byte[] filter(byte[] encoded) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(encoded);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.min(encoded.length, 256));
            CodedOutputStream out = CodedOutputStream.newInstance(bytes, 256);
            int tag;
            while ((tag = in.readTag()) != 0) {
                int number = WireFormat.getTagFieldNumber(tag);
                if (number < wanted.length && wanted[number]) {
                    in.skipField(tag, out);
                } else {
                    in.skipField(tag);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
