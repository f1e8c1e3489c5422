package io.tailor.segment.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tailor.kit.problem.Problem;
import io.tailor.segment.domain.RfmModel;
import io.tailor.segment.domain.SchemaFields;
import io.tailor.segment.domain.SegmentTemplates;
import io.tailor.segment.service.ExplainService;
import io.tailor.segment.service.PreviewService;
import io.tailor.segment.service.RfmService;
import io.tailor.segment.service.SegmentAdminService;
import io.tailor.segment.service.SegmentInput;
import io.tailor.segment.service.SegmentVersionView;
import io.tailor.segment.service.SegmentView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Segments", description = "Define, preview, explain and inspect shopper segments")
public class SegmentResource {

    private final SegmentAdminService segments;
    private final PreviewService previews;
    private final ExplainService explanations;
    private final RfmService rfm;
    private final ObjectMapper mapper;

    public SegmentResource(
            SegmentAdminService segments,
            PreviewService previews,
            ExplainService explanations,
            RfmService rfm,
            ObjectMapper mapper) {
        this.segments = segments;
        this.previews = previews;
        this.explanations = explanations;
        this.rfm = rfm;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "List segments with their current size")
    public Uni<List<SegmentView>> list() {
        return segments.list();
    }

    @GET
    @Path("/templates")
    @Operation(
            summary = "The ready-made segment templates",
            description = "Each template is a documented CEL rule with typed parameters and their defaults.")
    public List<SegmentTemplates.Template> templates() {
        return SegmentTemplates.all();
    }

    @GET
    @Path("/schema")
    @Operation(
            summary = "The fields rules may read",
            description = "Every path of profile, request and now with its CEL type; rules are type-checked against"
                    + " it when saved.")
    public List<SchemaFields.Field> schema() {
        return SchemaFields.all();
    }

    /** The RFM boundaries in use, readable. */
    public record RfmView(
            Instant computedAt,
            int buyers,
            List<Instant> recencyCuts,
            List<Long> frequencyCuts,
            List<Double> monetaryCuts,
            int spendPercentilePoints) {}

    @GET
    @Path("/rfm")
    @Operation(
            summary = "The RFM quintile boundaries in use",
            description = "Cut points between the scores 1|2|3|4|5 of recency (time of the last order), frequency"
                    + " (orders) and monetary value (total spend), computed from every buyer; docs/segments.md.")
    public RfmView rfm() {
        RfmModel m = rfm.model();
        return new RfmView(
                m.computedAt(),
                m.buyers(),
                Arrays.stream(m.recencyCuts()).mapToObj(Instant::ofEpochMilli).toList(),
                Arrays.stream(m.frequencyCuts()).boxed().toList(),
                Arrays.stream(m.monetaryCuts()).boxed().toList(),
                m.spendPoints().length);
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Preview a segment before saving it",
            description = "How many of the current profiles match a rule (or a template with parameters), and a"
                    + " sample of them with the values the rule read. Nothing is stored.")
    @APIResponse(
            responseCode = "400",
            description = "The rule does not parse or type-check, is too long or too costly, the template or its"
                    + " parameters are wrong, or the body has an unknown field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "The stored profiles are still being loaded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PreviewService.PreviewResult> preview(
            @RequestBody(content = @Content(schema = @Schema(implementation = PreviewService.PreviewRequest.class)))
                    JsonNode request) {
        return previews.preview(StrictJson.read(mapper, request, PreviewService.PreviewRequest.class));
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "Get a segment with its current size")
    @APIResponse(
            responseCode = "404",
            description = "No such segment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SegmentView> get(@PathParam("key") String key) {
        return segments.get(key);
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a segment or save a new version",
            description = "Give a CEL rule, or a template with parameters. The rule is type-checked against the"
                    + " schema (GET /v1/segments/schema); errors name the line and column. Names are unique"
                    + " (case-insensitive). Give expectedVersion to refuse the save if someone else saved first."
                    + " Members are re-evaluated over the stored profiles in the background.")
    @APIResponse(
            responseCode = "400",
            description = "Invalid definition (rule that does not parse or type-check, reads an unknown profile"
                    + " field, is too long or too costly; unknown template, bad parameter, unknown body field);"
                    + " nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Another segment has this name, or the segment is not at expectedVersion; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SegmentView> put(
            @PathParam("key") String key,
            @RequestBody(content = @Content(schema = @Schema(implementation = SegmentInput.class))) JsonNode input) {
        return segments.put(key, StrictJson.read(mapper, input, SegmentInput.class));
    }

    @DELETE
    @Path("/{key}")
    @Operation(
            summary = "Delete a segment",
            description = "Refused (409, listing them) while content variants or experiments target it, and (503)"
                    + " while content-service or experiment-service cannot be asked. With force=true such a segment"
                    + " is disabled instead (its members leave) and the answer says so. Members leave in the"
                    + " background.")
    @APIResponse(
            responseCode = "404",
            description = "No such segment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "In use; errors[] lists each user (field usedBy); nothing was deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "A service that may use it could not be asked; nothing was deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SegmentAdminService.DeleteResult> delete(
            @PathParam("key") String key,
            @Parameter(description = "disable instead of deleting when in use or when users cannot be checked")
                    @QueryParam("force")
                    boolean force) {
        return segments.delete(key, force);
    }

    @POST
    @Path("/{key}/enable")
    @Operation(summary = "Enable a segment", description = "A new version; members are evaluated in the background.")
    @APIResponse(
            responseCode = "404",
            description = "No such segment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SegmentView> enable(@PathParam("key") String key) {
        return segments.setEnabled(key, true);
    }

    @POST
    @Path("/{key}/disable")
    @Operation(summary = "Disable a segment", description = "A new version; every member leaves (exit events).")
    @APIResponse(
            responseCode = "404",
            description = "No such segment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SegmentView> disable(@PathParam("key") String key) {
        return segments.setEnabled(key, false);
    }

    @GET
    @Path("/{key}/versions")
    @Operation(summary = "Every saved version of a segment, newest first")
    @APIResponse(
            responseCode = "404",
            description = "No such segment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<SegmentVersionView>> versions(@PathParam("key") String key) {
        return segments.versions(key);
    }

    @GET
    @Path("/{key}/preview")
    @Operation(
            summary = "Preview a stored segment",
            description = "How many of the current profiles its rule matches now, with a sample.")
    @APIResponse(
            responseCode = "404",
            description = "No such segment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid sample size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PreviewService.PreviewResult> previewStored(
            @PathParam("key") String key, @QueryParam("sample") Integer sample) {
        return previews.preview(key, sample);
    }

    @GET
    @Path("/{key}/explain")
    @Operation(
            summary = "Why a shopper is or is not in a segment",
            description = "Give profileId, anonymousId or customerId. The rule's result now, the values of the"
                    + " fields it read, errors, whether the membership is recorded and the next time-based change.")
    @APIResponse(
            responseCode = "400",
            description = "No shopper given",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such segment or shopper",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ExplainService.Explanation> explain(
            @PathParam("key") String key,
            @QueryParam("profileId") String profileId,
            @QueryParam("anonymousId") String anonymousId,
            @QueryParam("customerId") String customerId) {
        return explanations.explain(key, new ExplainService.ExplainRequest(profileId, anonymousId, customerId, null));
    }

    @POST
    @Path("/{key}/explain")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Why a shopper is or is not in a segment, on a page",
            description = "As GET, with the page context for request segments.")
    @APIResponse(
            responseCode = "400",
            description = "No shopper given, or a context for a profile segment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such segment or shopper",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ExplainService.Explanation> explainOnPage(
            @PathParam("key") String key,
            @RequestBody(content = @Content(schema = @Schema(implementation = ExplainService.ExplainRequest.class)))
                    JsonNode request) {
        return explanations.explain(key, StrictJson.read(mapper, request, ExplainService.ExplainRequest.class));
    }
}
