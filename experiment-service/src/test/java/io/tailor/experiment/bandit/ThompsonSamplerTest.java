package io.tailor.experiment.bandit;

import static org.assertj.core.api.Assertions.assertThat;

import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

class ThompsonSamplerTest {

    @Test
    void theBetterArmGetsMostTrafficAndEveryArmItsMinimumShare() {
        ThompsonSampler sampler = new ThompsonSampler(RandomDataGenerator.of(new org.hipparchus.random.Well19937c(3)));
        long[] trials = {1000, 1000, 1000};
        long[] successes = {50, 80, 50};
        double[] allocation = sampler.allocation(trials, successes, 0.05, 20_000);
        assertThat(allocation[1]).isGreaterThan(0.8);
        assertThat(allocation[0]).isGreaterThanOrEqualTo(0.04);
        assertThat(allocation[2]).isGreaterThanOrEqualTo(0.04);
        assertThat(ThompsonSampler.leader(trials, successes)).isEqualTo(1);
    }
}
