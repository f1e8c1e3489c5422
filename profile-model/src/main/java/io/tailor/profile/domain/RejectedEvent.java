package io.tailor.profile.domain;

/**
 * An event that is valid on its own but cannot be applied to this profile (say, a cart already at its size
 * limit). Thrown before anything changed; the event is dead-lettered with the message as reason.
 */
public final class RejectedEvent extends RuntimeException {

    public RejectedEvent(String reason) {
        super(reason, null, false, false);
    }
}
