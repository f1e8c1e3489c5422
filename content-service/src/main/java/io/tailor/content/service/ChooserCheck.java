package io.tailor.content.service;

import io.smallrye.mutiny.Uni;
import io.tailor.content.client.ExperimentRestClient;
import io.tailor.content.model.VariantChooser;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A slot's chooser must name an experiment or bandit experiment-service knows before the slot is saved: unknown is a
 * 400 naming {@code chooser.experiment} or {@code chooser.bandit}; experiment-service not answering is a 503.
 */
@ApplicationScoped
public class ChooserCheck {

    private final ExperimentRestClient experiments;

    public ChooserCheck(@RestClient ExperimentRestClient experiments) {
        this.experiments = experiments;
    }

    public Uni<List<Violation>> unknown(VariantChooser chooser) {
        if (chooser == null) {
            return Uni.createFrom().item(List.of());
        }
        String field = chooser.byExperiment() ? "chooser.experiment" : "chooser.bandit";
        String what = chooser.byExperiment() ? "experiment" : "bandit";
        Uni<Response> call = chooser.byExperiment()
                ? experiments.experiment(chooser.experiment())
                : experiments.bandit(chooser.bandit());
        return call.map(Response::getStatus)
                .onFailure(WebApplicationException.class)
                .recoverWithItem(
                        f -> ((WebApplicationException) f).getResponse().getStatus())
                .onFailure()
                .transform(f -> ProblemException.unavailable(
                        "experiment-service could not confirm the " + what + " '" + chooser.chooserKey()
                                + "'; nothing was stored",
                        5))
                .map(status -> {
                    if (status == 404) {
                        return List.of(new Violation(
                                field,
                                "unknown " + what + " '" + chooser.chooserKey() + "' (not in experiment-service)"));
                    }
                    if (status != 200) {
                        throw ProblemException.unavailable(
                                "experiment-service answered " + status + " for the " + what + " '"
                                        + chooser.chooserKey() + "'; nothing was stored",
                                5);
                    }
                    return List.<Violation>of();
                });
    }
}
