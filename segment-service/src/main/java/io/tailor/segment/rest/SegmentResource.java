package io.tailor.segment.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.kit.problem.Problem;
import io.tailor.segment.service.SegmentAdminService;
import io.tailor.segment.service.SegmentInput;
import io.tailor.segment.service.SegmentTemplates;
import io.tailor.segment.service.SegmentView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Segments", description = "Define and inspect shopper segments")
public class SegmentResource {

    private final SegmentAdminService segments;

    public SegmentResource(SegmentAdminService segments) {
        this.segments = segments;
    }

    @GET
    @Operation(summary = "List segments with their current size")
    public Uni<List<SegmentView>> list() {
        return segments.list();
    }

    @GET
    @Path("/templates")
    @Operation(summary = "The ready-made segment templates and their parameters")
    public List<SegmentTemplates.Template> templates() {
        return SegmentTemplates.all();
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
                    + " profile schema (docs/segments.md); errors name the line and column.")
    @APIResponse(
            responseCode = "400",
            description = "Invalid definition; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SegmentView> put(@PathParam("key") String key, SegmentInput input) {
        return segments.put(key, input);
    }
}
