package io.tailor.contracts.decision;

import java.util.List;

public record ContentResponse(List<SlotContent> slots) {}
