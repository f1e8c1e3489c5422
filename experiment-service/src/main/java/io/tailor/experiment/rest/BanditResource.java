package io.tailor.experiment.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.experiment.bandit.BanditService;
import io.tailor.kit.problem.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/experiments/bandits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bandits", description = "Thompson sampling over content variants")
public class BanditResource {

    private final BanditService bandits;

    public BanditResource(BanditService bandits) {
        this.bandits = bandits;
    }

    /** The arm a reward is for. */
    public record Reward(String arm) {}

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create or rename a bandit",
            description = "arms: the content variant keys; minExploration: each arm's minimum share of traffic"
                    + " (default 0.01). Arms cannot change once created.")
    @APIResponse(
            responseCode = "400",
            description = "Invalid definition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Arms changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BanditService.BanditView> put(@PathParam("key") String key, BanditService.Definition definition) {
        return bandits.put(key, definition);
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "A bandit with its counts and current allocation")
    @APIResponse(
            responseCode = "404",
            description = "No such bandit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BanditService.BanditView> get(@PathParam("key") String key) {
        return bandits.get(key);
    }

    @POST
    @Path("/{key}/choose")
    @Operation(summary = "Choose the arm to show now", description = "Counts a trial of the chosen arm.")
    @APIResponse(
            responseCode = "404",
            description = "No such bandit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BanditService.Choice> choose(@PathParam("key") String key) {
        return bandits.choose(key);
    }

    @POST
    @Path("/{key}/rewards")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count a success (click, conversion) of an arm")
    @APIResponse(
            responseCode = "400",
            description = "Unknown arm",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such bandit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BanditService.BanditView> reward(@PathParam("key") String key, Reward reward) {
        return bandits.reward(key, reward == null ? null : reward.arm());
    }

    @POST
    @Path("/{key}/stop")
    @Operation(summary = "Stop learning: serve the leading arm to everyone")
    @APIResponse(
            responseCode = "404",
            description = "No such bandit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BanditService.BanditView> stop(@PathParam("key") String key) {
        return bandits.setStatus(key, "stopped");
    }

    @POST
    @Path("/{key}/start")
    @Operation(summary = "Resume learning")
    @APIResponse(
            responseCode = "404",
            description = "No such bandit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BanditService.BanditView> start(@PathParam("key") String key) {
        return bandits.setStatus(key, "running");
    }
}
