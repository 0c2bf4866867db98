package io.coverwatch.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser does for the console's HTML, with the JDK's HTTP client: keeps cookies, follows redirects, and signs
 * in on the local issuer's sign-in page by posting its form. No JavaScript (the pages are readable without it).
 */
final class Browser {

    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern META_TOKEN = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final URI console;

    Browser(URI console) {
        this.console = console;
    }

    /** Opens a page; without a session that is the sign-in page. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(console.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A server-sent event stream's lines, as they come. */
    java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> lines(String path) {
        return http.sendAsync(
                HttpRequest.newBuilder(console.resolve(path))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(console.resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Opens {@code path}, signs in on the sign-in page it lands on, and returns the page it comes back to. */
    HttpResponse<String> signIn(String path, String user, String... roles) throws IOException, InterruptedException {
        HttpResponse<String> signInPage = get(path);
        StringBuilder form = new StringBuilder("username=").append(encode(user));
        Matcher hidden = HIDDEN.matcher(signInPage.body());
        while (hidden.find()) {
            form.append('&').append(hidden.group(1)).append('=').append(encode(unescape(hidden.group(2))));
        }
        for (String role : roles) {
            form.append("&roles=").append(encode(role));
        }
        return http.send(
                HttpRequest.newBuilder(signInPage.uri())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token a page carries for its forms. */
    static String formToken(String page) {
        Matcher token = META_TOKEN.matcher(page);
        if (!token.find()) {
            throw new AssertionError("no CSRF token on the page");
        }
        return token.group(1);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
