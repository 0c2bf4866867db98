package io.coverwatch.remediation.execution;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** inventory-service's demo estate controls, as the Quarkus REST client calls them. */
@Path("/api/demo")
public interface DemoEstateApi {

    /**
     * Applies a remediation action. 200 with the resource as the demo now has it; 409 problem+json when the demo
     * refuses it as Azure would (a policy denying extensions) or the demo estate is off; 400 for a request it cannot
     * apply.
     */
    @POST
    @Path("/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    Response act(@HeaderParam("Authorization") String authorization, DemoActionRequest request);
}
