package io.tailor.gateway.api;

import io.tailor.contracts.event.ShopperEvent;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Several events in one request (at most gateway.events.max-batch). */
@Schema(name = "EventBatch")
public record EventBatch(List<ShopperEvent> events) {}
