package io.tailor.kit.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tailor.contracts.decision.AssignmentRequest;
import io.tailor.contracts.decision.AssignmentResponse;
import io.tailor.contracts.decision.ContentRequest;
import io.tailor.contracts.decision.ContentResponse;
import io.tailor.contracts.decision.OfferDecision;
import io.tailor.contracts.decision.OfferDecisionRequest;
import io.tailor.contracts.decision.PlacementRequest;
import io.tailor.contracts.decision.PlacementResult;
import io.tailor.contracts.decision.ProfileSummary;
import io.tailor.contracts.decision.RecommendationRequest;
import io.tailor.contracts.decision.RecommendationResponse;
import io.tailor.contracts.decision.RecommendedProduct;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.decision.SegmentLookupRequest;
import io.tailor.contracts.decision.SegmentLookupResponse;
import io.tailor.contracts.decision.SegmentMembership;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.contracts.decision.SlotContent;
import io.tailor.contracts.decision.VariantAssignment;
import io.tailor.contracts.event.EventContext;
import io.tailor.contracts.event.EventLimits;
import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.event.PageInfo;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.event.Utm;
import io.tailor.contracts.event.Violation;
import io.tailor.contracts.experiment.Exposure;
import io.tailor.contracts.message.OutboundMessage;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.contracts.privacy.PrivacyResult;
import io.tailor.contracts.profile.CartState;
import io.tailor.contracts.profile.ConsentState;
import io.tailor.contracts.profile.Lifecycle;
import io.tailor.contracts.profile.LifecyclePolicy;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.contracts.profile.ProfileDigest;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.contracts.profile.PurchaseStats;
import io.tailor.contracts.profile.RecentView;
import io.tailor.contracts.profile.Touch;
import io.tailor.contracts.segment.SegmentChange;

/**
 * Keeps the contracts' records and enums readable and writable by Jackson in a native executable.
 *
 * <p>Quarkus registers the types of REST signatures and of typed Kafka channels for reflection by itself. The services
 * also parse contracts types from plain strings (Kafka values consumed as {@code String}, JSON in Redis hashes and in
 * PostgreSQL columns) with the injected {@code ObjectMapper}; the native-image analysis cannot see those, and without
 * this registration a record would deserialize as "no creators" at run time only in native mode. Registering every
 * record and enum of the contracts module (the k8s module's {@code ContractsReflectionTest} checks none is missing) is
 * simpler and safer than tracking which service reads which.
 */
@RegisterForReflection(
        targets = {
            // Shopper events (Kafka shopper-events, the gateway's strict parse)
            ShopperEvent.class,
            EventType.class,
            EventContext.class,
            EventLimits.class,
            EventProperties.class,
            OrderLine.class,
            PageInfo.class,
            Utm.class,
            Violation.class,
            // Profiles (Kafka profile-changes, Redis profile:hot)
            ProfileChange.class,
            ProfileSnapshot.class,
            ProfileDigest.class,
            CartState.class,
            ConsentState.class,
            Lifecycle.class,
            LifecyclePolicy.class,
            PurchaseStats.class,
            RecentView.class,
            Touch.class,
            // Segments, experiments, privacy (Kafka segment-changes, exposures, privacy-requests, privacy-results)
            SegmentChange.class,
            SegmentChange.Direction.class,
            Exposure.class,
            // Journey messages (Kafka outbound-messages, PostgreSQL message payloads)
            OutboundMessage.class,
            PrivacyRequest.class,
            PrivacyRequest.Kind.class,
            PrivacyResult.class,
            // Decision types exchanged between the gateway and the services
            AssignmentRequest.class,
            AssignmentResponse.class,
            ContentRequest.class,
            ContentResponse.class,
            OfferDecision.class,
            OfferDecision.ShownOffer.class,
            OfferDecision.Price.class,
            OfferDecisionRequest.class,
            OfferDecisionRequest.ProductInput.class,
            PlacementRequest.class,
            PlacementResult.class,
            ProfileSummary.class,
            RecommendationRequest.class,
            RecommendationResponse.class,
            RecommendedProduct.class,
            RequestContext.class,
            SegmentLookupRequest.class,
            SegmentLookupResponse.class,
            SegmentMembership.class,
            ShopperRef.class,
            SlotContent.class,
            VariantAssignment.class
        })
public final class ContractsReflection {

    private ContractsReflection() {}
}
