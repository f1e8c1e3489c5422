package io.tailor.experiment.service;

import java.util.List;

/** Gives other test packages the run cases. */
public final class GrowthBookRunCasesTestSupport {

    private GrowthBookRunCasesTestSupport() {}

    public static List<Object[]> cases() {
        return GrowthBookRunCasesTest.cases();
    }
}
