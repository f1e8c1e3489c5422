package io.tailor.contracts.decision;

import java.util.List;

public record SegmentLookupResponse(String profileId, List<SegmentMembership> segments) {}
