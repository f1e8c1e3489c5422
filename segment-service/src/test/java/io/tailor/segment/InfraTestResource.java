package io.tailor.segment;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.tailor.devstack.DevStackTestResource;

/** Every @QuarkusTest of this module runs against the real PostgreSQL, Redis and Kafka of the dev stack. */
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "segment"),
        restrictToAnnotatedClass = false)
public final class InfraTestResource {

    private InfraTestResource() {}
}
