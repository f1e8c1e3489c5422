package io.tailor.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The unsubscribe link in every journey e-mail (no API key: the link is signed). GET shows a confirmation page and
 * changes nothing, so mail scanners that open links do not unsubscribe anyone; POST unsubscribes, from that page's
 * button or from a mail client's one-click unsubscribe (RFC 8058, List-Unsubscribe-Post).
 */
@Path("/unsubscribe")
@Tag(name = "Messages")
public class UnsubscribeResource {

    private static final long TIMEOUT_MS = 5_000;

    private final ServiceForwarder forwarder;

    public UnsubscribeResource(ServiceForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The unsubscribe page of a journey e-mail's link (confirms before unsubscribing)")
    public String confirm(@QueryParam("p") String profileId, @QueryParam("t") String token) {
        String action = "/unsubscribe?p=" + encode(profileId) + "&t=" + encode(token);
        return page(
                "Unsubscribe",
                "<p>Stop receiving marketing e-mail from us?</p><form method=\"post\" action=\"" + escape(action)
                        + "\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @Operation(
            summary = "Unsubscribe from marketing e-mail",
            description = "Forwarded to content-service (POST /v1/messages/unsubscribe): no further journey message,"
                    + " and the shopper's marketing_email consent is withdrawn on the profile.")
    @APIResponse(responseCode = "200", description = "Unsubscribed (an HTML page)")
    @APIResponse(responseCode = "400", description = "The link is incomplete or its signature does not match")
    public Uni<Response> unsubscribe(
            @QueryParam("p") String profileId,
            @QueryParam("t") String token,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        String target = "/v1/messages/unsubscribe?p=" + encode(profileId) + "&t=" + encode(token);
        return forwarder
                .forward(HttpMethod.POST, "content-service", target, uri, headers, null, TIMEOUT_MS)
                .map(answer -> {
                    int status = answer.getStatus();
                    String body = status == 200
                            ? page("Unsubscribed", "<p>You will no longer receive marketing e-mail from us.</p>")
                            : status < 500
                                    ? page(
                                            "This link does not work",
                                            "<p>Please use the unsubscribe link from the e-mail itself.</p>")
                                    : page(
                                            "Please try again later",
                                            "<p>We could not unsubscribe you just now. Please try the link again in a"
                                                    + " few minutes.</p>");
                    return Response.status(status)
                            .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                            .entity(body)
                            .build();
                });
    }

    private static String page(String title, String content) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head><body"
                + " style=\"font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem\"><h1>" + title
                + "</h1>" + content + "</body></html>";
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
