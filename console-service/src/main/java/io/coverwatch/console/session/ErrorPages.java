package io.coverwatch.console.session;

import io.coverwatch.console.apis.Answer;
import io.coverwatch.console.session.SignedIn.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The pages for what cannot be shown: nothing by that ID, a service's refusal, a person without the Reader role. */
public final class ErrorPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance notFound(Viewer viewer, String what);

        static native TemplateInstance refused(Viewer viewer, int status, String problem);

        static native TemplateInstance forbidden(String name);
    }

    private ErrorPages() {}

    /** 404, naming what was asked for. */
    public static Response notFound(Viewer viewer, String what) {
        return html(404, Templates.notFound(viewer, what));
    }

    /**
     * The page for an answer that is not a value: a 404 page, the service's own refusal with its status (403 for a
     * role the person lacks), or 502 naming the service that did not answer.
     */
    public static Response of(Viewer viewer, Answer<?> answer, String what) {
        if (answer.missing()) {
            return notFound(viewer, what);
        }
        int status = answer instanceof Answer.Refused<?> refused ? refused.status() : 502;
        return html(status, Templates.refused(viewer, status, answer.problem().orElse("")));
    }

    /**
     * After a form's change was relayed: post/redirect/get to {@code next} (reloading that page shows the result, it
     * does not send the change again), or the page for the service's refusal ({@link #of}).
     */
    public static Response orSeeOther(Viewer viewer, Answer<?> answer, String what, URI next) {
        return answer.found().isPresent() ? Response.seeOther(next).build() : of(viewer, answer, what);
    }

    /** 403 for a form whose CSRF token is not the browser's: posted from elsewhere, or from before a sign-in. */
    public static Response staleForm(Viewer viewer) {
        return html(
                403,
                Templates.refused(
                        viewer,
                        403,
                        "The form's token is not this browser's, so nothing was sent. Open the page again and"
                                + " repeat it from there."));
    }

    /** 400 for a form the console cannot send as it is, naming the field and what it must be. */
    public static Response badForm(Viewer viewer, String problem) {
        return html(400, Templates.refused(viewer, 400, problem));
    }

    /** 403 for a person signed in without {@code Coverwatch.Reader}. */
    static Response forbidden(String name) {
        return html(403, Templates.forbidden(name));
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.render())
                .build();
    }
}
