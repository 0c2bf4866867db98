package io.coverwatch.console.session;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The CSRF token of the person's browser (double submit): a random value in a cookie only this site's requests carry
 * and no script can read, repeated in every form that changes something. A form posted from another site cannot know
 * it, so its POST is refused before anything is relayed.
 */
@RequestScoped
public class FormToken {

    /** The form field that carries the token. */
    public static final String FIELD = "csrf-token";

    static final String COOKIE = "coverwatch-console-csrf";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServerRequest request;
    private String value;

    FormToken(HttpServerRequest request) {
        this.request = request;
    }

    /** The token for this page's forms; a browser without one gets one with this response. */
    public String value() {
        if (value == null) {
            Cookie cookie = request.getCookie(COOKIE);
            if (cookie != null && !cookie.getValue().isBlank()) {
                value = cookie.getValue();
            } else {
                byte[] random = new byte[32];
                RANDOM.nextBytes(random);
                value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                request.response()
                        .addCookie(Cookie.cookie(COOKIE, value)
                                .setPath("/")
                                .setHttpOnly(true)
                                .setSecure(request.isSSL())
                                .setSameSite(CookieSameSite.STRICT));
            }
        }
        return value;
    }

    /** Whether a form's token is this browser's. */
    public boolean matches(String submitted) {
        Cookie cookie = request.getCookie(COOKIE);
        return cookie != null
                && submitted != null
                && !submitted.isEmpty()
                && MessageDigest.isEqual(
                        cookie.getValue().getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }
}
