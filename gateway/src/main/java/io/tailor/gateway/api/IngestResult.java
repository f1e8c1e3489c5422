package io.tailor.gateway.api;

import java.util.List;

/** The answer to an accepted submission: every event is on Kafka (or was already). */
public record IngestResult(int accepted, int duplicates, List<EventReceipt> events) {}
