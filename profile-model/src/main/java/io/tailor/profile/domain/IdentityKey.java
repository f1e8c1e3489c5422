package io.tailor.profile.domain;

/**
 * One identity a profile is known by.
 *
 * @param kind anonymous (browser id), customer (store account id) or email (SHA-256 of the normalised address)
 */
public record IdentityKey(Kind kind, String value) {

    public enum Kind {
        ANONYMOUS,
        CUSTOMER,
        EMAIL;

        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind ofColumn(String column) {
            return valueOf(column.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public static IdentityKey anonymous(String id) {
        return id == null ? null : new IdentityKey(Kind.ANONYMOUS, id);
    }

    public static IdentityKey customer(String id) {
        return id == null ? null : new IdentityKey(Kind.CUSTOMER, id);
    }

    public static IdentityKey email(String hash) {
        return hash == null ? null : new IdentityKey(Kind.EMAIL, hash);
    }
}
