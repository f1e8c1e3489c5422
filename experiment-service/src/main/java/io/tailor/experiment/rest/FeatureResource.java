package io.tailor.experiment.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.experiment.feature.FeatureDefinition;
import io.tailor.experiment.service.FeatureAdminService;
import io.tailor.kit.problem.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Features (settings rolled out by rules), under /v1/experiments so the gateway's admin proxy reaches them. */
@Path("/v1/experiments/features")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Features",
        description = "Settings served by ordered rules: forced values, percentage rollouts, experiments")
public class FeatureResource {

    private final FeatureAdminService features;

    public FeatureResource(FeatureAdminService features) {
        this.features = features;
    }

    @GET
    @Operation(summary = "List features")
    public Uni<List<FeatureDefinition>> list() {
        return features.list();
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "Get a feature")
    @APIResponse(
            responseCode = "404",
            description = "No such feature",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FeatureDefinition> get(@PathParam("key") String key) {
        return features.get(key);
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create or change a feature",
            description = "valueType boolean, string, number or json; defaultValue and every rule's value of that"
                    + " type. Rules are evaluated in order, the first that applies decides: force (a value for"
                    + " shoppers in the rule's segments and matching its CEL condition), rollout (a value for"
                    + " coverage in [0, 1] of the units, GrowthBook hashing of seed and unit; raising the coverage"
                    + " keeps everyone already in) or experiment (the value of the shopper's variation of a running"
                    + " experiment). Segment keys are checked against segment-service. Every save is a new"
                    + " version.")
    @APIResponse(
            responseCode = "400",
            description = "Invalid definition, unknown value type, bad CEL condition, unknown segment or experiment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "segment-service could not confirm the targeted segments; nothing was saved",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FeatureDefinition> put(@PathParam("key") String key, FeatureDefinition definition) {
        return features.put(key, definition);
    }

    @DELETE
    @Path("/{key}")
    @Operation(summary = "Delete a feature and its versions")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "404",
            description = "No such feature",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> delete(@PathParam("key") String key) {
        return features.delete(key);
    }

    @GET
    @Path("/{key}/versions")
    @Operation(summary = "Every saved version of a feature")
    @APIResponse(
            responseCode = "404",
            description = "No such feature",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<Map<String, Object>>> versions(@PathParam("key") String key) {
        return features.versions(key);
    }
}
