package io.coverwatch.console.overview;

import io.coverwatch.console.session.SignedIn;
import io.coverwatch.console.session.SignedIn.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The overview: the coverage map, Monitored / Not monitored machines, blind spots, secure score, open findings by
 * severity and the coverage trend. {@code /overview/panels} is the same page without its frame, which the page fetches
 * again when the live stream says something changed.
 */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class OverviewPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Viewer viewer, Overview overview);

        static native TemplateInstance overview$panels(Overview overview);
    }

    private final OverviewReader reader;
    private final SignedIn signedIn;

    OverviewPage(OverviewReader reader, SignedIn signedIn) {
        this.reader = reader;
        this.signedIn = signedIn;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/overview")).build();
    }

    /** @param mapPage the coverage map's page, from 0 ({@link OverviewReader#MAP_PAGE} subscriptions a page) */
    @GET
    @Path("overview")
    public String overview(@QueryParam("map") @DefaultValue("0") int mapPage) {
        return Templates.overview(signedIn.viewer(), reader.read(signedIn.accessToken(), mapPage))
                .render();
    }

    @GET
    @Path("overview/panels")
    public String panels(@QueryParam("map") @DefaultValue("0") int mapPage) {
        return Templates.overview$panels(reader.read(signedIn.accessToken(), mapPage))
                .render();
    }
}
