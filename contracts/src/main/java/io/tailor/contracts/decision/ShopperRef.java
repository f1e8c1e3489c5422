package io.tailor.contracts.decision;

/**
 * Who a decision is for, as the storefront knows them.
 *
 * @param anonymousId the browser's id
 * @param customerId the logged-in customer's id
 */
public record ShopperRef(String anonymousId, String customerId) {

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return (anonymousId == null || anonymousId.isBlank()) && (customerId == null || customerId.isBlank());
    }

    /** The id experiments hash: the customer id once known, so assignment follows the person across devices. */
    public String unitId() {
        return customerId != null && !customerId.isBlank() ? customerId : anonymousId;
    }
}
