package io.tailor.content.journey;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A triggered-message journey: what starts it, the messages it sends after their delays, and what ends it early.
 *
 * @param trigger what enrols a shopper
 * @param reentry what a new trigger does while the shopper is already in the journey
 * @param exitOn event types that end the journey for the shopper (e.g. order_completed ends cart recovery)
 * @param exitOnSegmentExit whether leaving the trigger segment ends the journey (segment-triggered journeys)
 * @param steps the messages, each after its delay from the previous step (the first from enrolment)
 * @param then the journey the shopper enters when this one completes; chains must not loop
 * @param quietHours whether messages wait for the end of quiet hours in the shopper's time zone
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A triggered-message journey")
public record JourneyDefinition(
        String name,
        String description,
        Trigger trigger,
        Reentry reentry,
        List<String> exitOn,
        Boolean exitOnSegmentExit,
        List<Step> steps,
        String then,
        Boolean quietHours,
        boolean enabled) {

    /**
     * What enrols a shopper: exactly one of an event type applied to the profile, or entering a segment.
     *
     * @param event a shopper event type, e.g. add_to_cart, product_view, order_completed, identify
     * @param segmentEntered a segment key
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trigger(String event, String segmentEntered) {}

    /**
     * One message.
     *
     * @param delay ISO-8601 duration after the previous step, e.g. PT30M, P3D
     * @param template the message template key
     * @param placement a recommendation placement whose products the message shows (e.g. cart_complementary)
     * @param condition sent only when this holds at send time; otherwise the step is skipped with the reason
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String delay, String template, String placement, Condition condition) {}

    /** A send-time condition on the shopper's profile. */
    public enum Condition {
        @JsonProperty("cart_not_empty")
        CART_NOT_EMPTY,
        @JsonProperty("cart_empty")
        CART_EMPTY,
        @JsonProperty("no_order_since_enrolment")
        NO_ORDER_SINCE_ENROLMENT
    }

    /** What a repeated trigger does. */
    public enum Reentry {
        /** Start over: the first step's delay counts from the latest trigger (cart idle N minutes). */
        @JsonProperty("restart")
        RESTART,
        /** Keep the running journey; enrol again only after it ended. */
        @JsonProperty("ignore")
        IGNORE,
        /** Once per shopper, ever (welcome series). */
        @JsonProperty("once")
        ONCE
    }

    public Reentry reentryOrDefault() {
        return reentry == null ? Reentry.IGNORE : reentry;
    }

    public boolean quietHoursOrDefault() {
        return quietHours == null || quietHours;
    }

    public List<String> exitOnOrEmpty() {
        return exitOn == null ? List.of() : exitOn;
    }
}
