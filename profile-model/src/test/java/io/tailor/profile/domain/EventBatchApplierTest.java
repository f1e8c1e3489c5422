package io.tailor.profile.domain;

import static io.tailor.profile.domain.Events.addToCart;
import static io.tailor.profile.domain.Events.consent;
import static io.tailor.profile.domain.Events.identify;
import static io.tailor.profile.domain.Events.landing;
import static io.tailor.profile.domain.Events.line;
import static io.tailor.profile.domain.Events.order;
import static io.tailor.profile.domain.Events.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.contracts.event.EventType;
import io.tailor.contracts.profile.Lifecycle;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.contracts.profile.RecentView;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventBatchApplierTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private final AtomicInteger ids = new AtomicInteger();

    private EventBatchApplier applier(Map<IdentityKey, String> directory, Map<String, ProfileRecord> profiles) {
        return new EventBatchApplier(
                directory, profiles, () -> "p" + ids.incrementAndGet(), email -> "h:" + email, ProfilePolicy.DEFAULT);
    }

    /**
     * Saved profiles pa (anonymous a1, plus {@code olderBrowsers} that resolve to it but were not loaded with it) and
     * pc (customer c9), and a batch over them.
     */
    private EventBatchApplier anonymousAndCustomer(String... olderBrowsers) {
        ProfileRecord anonymous =
                new ProfileRecord("pa", 1, false, null, null, new ProfileState(), List.of(IdentityKey.anonymous("a1")));
        ProfileRecord customer =
                new ProfileRecord("pc", 2, false, "c9", null, new ProfileState(), List.of(IdentityKey.customer("c9")));
        Map<IdentityKey, String> directory = new HashMap<>();
        directory.put(IdentityKey.anonymous("a1"), "pa");
        for (String browser : olderBrowsers) {
            directory.put(IdentityKey.anonymous(browser), "pa");
        }
        directory.put(IdentityKey.customer("c9"), "pc");
        return applier(directory, Map.of("pa", anonymous, "pc", customer));
    }

    private static ProfileSnapshot only(List<ProfileChange> changes) {
        assertThat(changes).hasSize(1);
        return changes.getFirst().profile();
    }

    @Test
    void anAnonymousVisitorGetsOneProfileWithViewsAndCart() {
        EventBatchApplier batch = applier(Map.of(), Map.of());
        batch.apply(view("a1", "p-1", "kitchen", 4.5, T0));
        batch.apply(view("a1", "p-2", "garden", 30, T0.plusSeconds(60)));
        batch.apply(addToCart("a1", "p-1", 4.5, 2, T0.plusSeconds(120)));

        ProfileSnapshot profile = only(batch.changes(T0.plusSeconds(121)));
        assertThat(profile.anonymousIds()).containsExactly("a1");
        assertThat(profile.productViews()).isEqualTo(2);
        assertThat(profile.recentlyViewed()).extracting(RecentView::productId).containsExactly("p-2", "p-1");
        assertThat(profile.cart().lines()).singleElement().satisfies(l -> assertThat(l.quantity())
                .isEqualTo(2));
        assertThat(profile.cart().value()).isEqualByComparingTo("9.0");
        assertThat(profile.categoryAffinity()).containsOnlyKeys("kitchen", "garden");
        assertThat(profile.categoryAffinity().get("kitchen"))
                .isGreaterThan(profile.categoryAffinity().get("garden"));
        assertThat(profile.lifecycle()).isEqualTo(Lifecycle.NEW_VISITOR);
        assertThat(batch.links()).containsEntry(IdentityKey.anonymous("a1"), profile.profileId());
    }

    @Test
    void loginMergesTheAnonymousHistoryIntoTheCustomersSavedProfile() {
        ProfileState customerState = new ProfileState();
        customerState.apply(
                order(null, "c9", "o-1", T0.minus(Duration.ofDays(40)), line("p-9", 1, 20)), ProfilePolicy.DEFAULT);
        ProfileRecord customer =
                new ProfileRecord("pc", 3, false, "c9", null, customerState, List.of(IdentityKey.customer("c9")));
        ProfileState anonymousState = new ProfileState();
        anonymousState.apply(view("a1", "p-1", "kitchen", 4.5, T0), ProfilePolicy.DEFAULT);
        ProfileRecord anonymous =
                new ProfileRecord("pa", 1, false, null, null, anonymousState, List.of(IdentityKey.anonymous("a1")));

        Map<IdentityKey, String> directory = new HashMap<>();
        directory.put(IdentityKey.customer("c9"), "pc");
        directory.put(IdentityKey.anonymous("a1"), "pa");
        EventBatchApplier batch = applier(directory, Map.of("pc", customer, "pa", anonymous));
        batch.apply(identify("a1", "c9", "Ann@Example.com ", T0.plusSeconds(60)));

        ProfileChange change = batch.changes(T0.plusSeconds(61)).getFirst();
        assertThat(change.profileId()).isEqualTo("pc");
        assertThat(change.version()).isEqualTo(4);
        assertThat(change.mergedProfileIds()).containsExactly("pa");
        assertThat(change.profile().anonymousIds()).containsExactly("a1");
        assertThat(change.profile().orders()).isEqualTo(1);
        assertThat(change.profile().recentlyViewed())
                .extracting(RecentView::productId)
                .containsExactly("p-1");
        assertThat(batch.merges()).singleElement().satisfies(m -> {
            assertThat(m.survivorId()).isEqualTo("pc");
            assertThat(m.mergedId()).isEqualTo("pa");
            assertThat(m.reason()).isEqualTo("identify");
        });
        assertThat(batch.profileMoves()).containsExactly(Map.entry("pa", "pc"));
        assertThat(batch.links())
                .containsEntry(IdentityKey.anonymous("a1"), "pc")
                .containsEntry(IdentityKey.email("h:Ann@Example.com "), "pc");
        assertThat(batch.changedProfiles()).extracting(ProfileRecord::emailHash).containsExactly("h:Ann@Example.com ");
    }

    @Test
    void aSavedProfileMergedIntoOneThatIsMergedInTurnMovesToTheLastSurvivor() {
        EventBatchApplier batch = anonymousAndCustomer();

        batch.apply(identify("a5", null, "new@example.com", T0)); // a new profile, p1
        batch.apply(identify("a1", null, "new@example.com", T0.plusSeconds(1))); // pa merged into p1
        batch.apply(Events.event( // p1 merged into pc
                EventType.PRODUCT_VIEW, "a5", "c9", T0.plusSeconds(2), Events.product("p-1", "kitchen", 4.5, null)));

        assertThat(batch.profileMoves()).containsExactly(Map.entry("pa", "pc"));
        assertThat(batch.merges()).singleElement().satisfies(m -> {
            assertThat(m.survivorId()).isEqualTo("pc");
            assertThat(m.mergedId()).isEqualTo("pa");
        });
        assertThat(batch.links()).containsEntry(IdentityKey.anonymous("a1"), "pc");
        assertThat(batch.changes(T0.plusSeconds(3)))
                .singleElement()
                .satisfies(change -> assertThat(change.mergedProfileIds()).containsExactly("pa"));
    }

    @Test
    void anOldBrowserNotLoadedWithItsProfileFollowsItThroughAMergeInTheSameBatch() {
        // "a-old" resolves to pa, but is older than the identities loaded with pa
        EventBatchApplier batch = anonymousAndCustomer("a-old");

        batch.apply(identify("a1", "c9", null, T0)); // pa merged into pc
        batch.apply(view("a-old", "p-1", "kitchen", 4.5, T0.plusSeconds(1)));

        assertThat(batch.links()).containsEntry(IdentityKey.anonymous("a-old"), "pc");
        assertThat(batch.anonymousAliases()).containsEntry("a-old", "pc").containsEntry("a1", "pc");
        ProfileSnapshot merged = only(batch.changes(T0.plusSeconds(2)));
        assertThat(merged.profileId()).isEqualTo("pc");
        assertThat(merged.productViews()).isEqualTo(1);
    }

    @Test
    void aRedeliveredEventRepublishesItsProfileAndItsBrowsersAlias() {
        EventBatchApplier batch = anonymousAndCustomer("a-old");

        batch.touch(view("a-old", "p-1", "kitchen", 4.5, T0));

        assertThat(batch.changedProfiles()).isEmpty();
        assertThat(batch.changes(T0.plusSeconds(1))).singleElement().satisfies(change -> {
            assertThat(change.profileId()).isEqualTo("pa");
            assertThat(change.cause()).isEqualTo("redelivery");
        });
        assertThat(batch.anonymousAliases()).containsExactly(Map.entry("a-old", "pa"));
    }

    @Test
    void twoCustomersOnOneBrowserAreNeverMerged() {
        ProfileRecord alice = new ProfileRecord(
                "pa",
                1,
                false,
                "alice",
                null,
                new ProfileState(),
                List.of(IdentityKey.customer("alice"), IdentityKey.anonymous("shared")));
        Map<IdentityKey, String> directory = new HashMap<>();
        directory.put(IdentityKey.customer("alice"), "pa");
        directory.put(IdentityKey.anonymous("shared"), "pa");
        EventBatchApplier batch = applier(directory, Map.of("pa", alice));

        batch.apply(identify("shared", "bob", null, T0));

        List<ProfileChange> changes = batch.changes(T0);
        ProfileSnapshot bob = changes.stream()
                .map(ProfileChange::profile)
                .filter(p -> "bob".equals(p.customerId()))
                .findFirst()
                .orElseThrow();
        assertThat(bob.profileId()).isNotEqualTo("pa");
        assertThat(bob.anonymousIds()).containsExactly("shared");
        assertThat(batch.merges()).isEmpty();
        assertThat(batch.links()).containsEntry(IdentityKey.anonymous("shared"), bob.profileId());
    }

    @Test
    void aRepeatedOrderIdIsCountedOnce() {
        EventBatchApplier batch = applier(Map.of(), Map.of());
        batch.apply(order("a1", null, "o-7", T0, line("p-1", 1, 10)));
        batch.apply(order("a1", null, "o-7", T0.plusSeconds(5), line("p-1", 1, 10)));
        ProfileSnapshot profile = only(batch.changes(T0));
        assertThat(profile.orders()).isEqualTo(1);
        assertThat(profile.totalSpend()).isEqualByComparingTo("10");
    }

    @Test
    void outOfOrderEventsKeepTheLatestValues() {
        EventBatchApplier batch = applier(Map.of(), Map.of());
        batch.apply(view("a1", "p-new", "kitchen", 5, T0.plusSeconds(600)));
        batch.apply(view("a1", "p-old", "kitchen", 5, T0));
        ProfileSnapshot profile = only(batch.changes(T0.plusSeconds(601)));
        assertThat(profile.recentlyViewed()).extracting(RecentView::productId).containsExactly("p-new", "p-old");
        assertThat(profile.firstSeen()).isEqualTo(T0);
        assertThat(profile.lastSeen()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void repeatedPurchasesGiveAnInterval() {
        EventBatchApplier batch = applier(Map.of(), Map.of());
        for (int i = 0; i < 3; i++) {
            batch.apply(order("a1", null, "o-" + i, T0.plus(Duration.ofDays(30L * i)), line("soap", 2, 3)));
        }
        ProfileSnapshot profile = only(batch.changes(T0.plus(Duration.ofDays(61))));
        assertThat(profile.purchases()).singleElement().satisfies(p -> {
            assertThat(p.orders()).isEqualTo(3);
            assertThat(p.units()).isEqualTo(6);
            assertThat(p.averageIntervalDays()).isEqualTo(30.0);
        });
        assertThat(profile.lifecycle()).isEqualTo(Lifecycle.REPEAT);
        assertThat(profile.averageOrderValue()).isEqualByComparingTo("6.00");
    }

    @Test
    void withdrawingPersonalizationConsentForgetsBehaviour() {
        EventBatchApplier batch = applier(Map.of(), Map.of());
        batch.apply(view("a1", "p-1", "kitchen", 4.5, T0));
        batch.apply(consent("a1", false, T0.plusSeconds(10)));
        batch.apply(view("a1", "p-2", "kitchen", 4.5, T0.plusSeconds(20)));
        ProfileSnapshot profile = only(batch.changes(T0.plusSeconds(21)));
        assertThat(profile.consent().personalization()).isFalse();
        assertThat(profile.recentlyViewed()).isEmpty();
        assertThat(profile.categoryAffinity()).isEmpty();
        assertThat(profile.productViews()).isEqualTo(2);
    }

    @Test
    void theLandingOfANewSessionIsItsTouch() {
        EventBatchApplier batch = applier(Map.of(), Map.of());
        batch.apply(landing("a1", "s1", "facebook", "paid_social", T0));
        batch.apply(landing("a1", "s2", "newsletter", "email", T0.plus(Duration.ofDays(2))));
        ProfileSnapshot profile = only(batch.changes(T0.plus(Duration.ofDays(2))));
        assertThat(profile.sessions()).isEqualTo(2);
        assertThat(profile.firstTouch().medium()).isEqualTo("paid_social");
        assertThat(profile.latestTouch().medium()).isEqualTo("email");
        assertThat(profile.device()).isEqualTo("mobile");
        assertThat(profile.lifecycle()).isEqualTo(Lifecycle.ENGAGED);
    }
}
