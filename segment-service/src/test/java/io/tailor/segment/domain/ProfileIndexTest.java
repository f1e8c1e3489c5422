package io.tailor.segment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Both consumers of profile-changes put the same versions into the index: only what is new may count. */
class ProfileIndexTest {

    private static ProfileIndex.Entry entry(String id, long version, int orders) {
        return new ProfileIndex.Entry(id, version, new byte[0], new RfmModel.Facts(orders, 10.0 * orders, 0));
    }

    @Test
    void aNewerVersionReplacesAndCountsOnce() {
        ProfileIndex index = new ProfileIndex();
        index.put(entry("p1", 1, 1));
        index.put(entry("p1", 2, 2));
        assertThat(index.get("p1")).map(e -> e.facts().orders()).contains(2);
        assertThat(index.takeChanges()).isEqualTo(2);
    }

    @Test
    void theSameVersionPutTwiceIsOneChange() {
        ProfileIndex index = new ProfileIndex();
        index.put(entry("p1", 3, 1));
        index.put(entry("p1", 3, 1));
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.takeChanges()).isEqualTo(1);
    }

    @Test
    void anOlderVersionArrivingLateIsIgnored() {
        ProfileIndex index = new ProfileIndex();
        index.put(entry("p1", 5, 5));
        index.takeChanges();
        index.put(entry("p1", 4, 4));
        assertThat(index.get("p1")).map(e -> e.facts().orders()).contains(5);
        assertThat(index.takeChanges()).isZero();
    }

    @Test
    void aSnapshotOfAHeldVersionLeavesTheHeldEntry() {
        ProfileIndex index = new ProfileIndex();
        ProfileIndex.Entry held = entry("p1", 7, 3);
        index.put(held);
        index.takeChanges();
        index.put(io.tailor.segment.SegmentTestSupport.profile("p1", "index-test", 7, 0, 0));
        assertThat(index.get("p1")).containsSame(held);
        assertThat(index.takeChanges()).isZero();
    }

    @Test
    void removingCountsOnlyWhatWasHeld() {
        ProfileIndex index = new ProfileIndex();
        index.put(entry("p1", 1, 1));
        index.takeChanges();
        index.remove("p1");
        index.remove("p1");
        assertThat(index.get("p1")).isEmpty();
        assertThat(index.takeChanges()).isEqualTo(1);
    }
}
