package io.coverwatch.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person at the console, as a browser without JavaScript: signed in by the authorization-code flow at the stack's
 * local issuer (its sign-in form posted with a user name and roles), then opening pages with the session cookie. A
 * page's weight is its HTML and the console's own scripts and styles it loads, the chart library left out (it is
 * cached once and only the overview loads it).
 */
final class ConsoleVisit {

    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern ASSET = Pattern.compile("<(?:script|link)[^>]+(?:src|href)=\"(/[^\"]+)\"");
    private static final String CHART_LIBRARY = "/webjars/echarts/";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI console;
    private final Map<String, Long> assetBytes = new HashMap<>();

    private ConsoleVisit(URI console) {
        this.console = console;
    }

    /** Opens the overview, lands on the issuer's sign-in page, and signs in there with these roles. */
    static ConsoleVisit signIn(URI console, String user, String... roles) throws Exception {
        ConsoleVisit visit = new ConsoleVisit(console);
        HttpResponse<String> signInPage = visit.send(HttpRequest.newBuilder(console.resolve("/overview")));
        StringBuilder form = new StringBuilder("username=").append(encode(user));
        Matcher hidden = HIDDEN.matcher(signInPage.body());
        while (hidden.find()) {
            form.append('&').append(hidden.group(1)).append('=').append(encode(unescape(hidden.group(2))));
        }
        for (String role : roles) {
            form.append("&roles=").append(encode(role));
        }
        HttpResponse<String> landed = visit.send(HttpRequest.newBuilder(signInPage.uri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
        if (landed.statusCode() != 200 || !landed.uri().getPath().equals("/overview")) {
            throw new IllegalStateException("Signing in at the console ended at " + landed.uri() + ": "
                    + landed.statusCode() + " " + landed.body());
        }
        return visit;
    }

    /** Opens a page; anything but a 200 on the console itself is a failed run, not a fast one. */
    String open(String pathAndQuery) throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(console.resolve(pathAndQuery)));
        if (page.statusCode() != 200 || !page.uri().getAuthority().equals(console.getAuthority())) {
            throw new IllegalStateException(pathAndQuery + ": " + page.statusCode() + " at " + page.uri());
        }
        return page.body();
    }

    /** The page's HTML and every script and stylesheet of the console's own it loads, the chart library excepted. */
    long weight(String html) throws Exception {
        long bytes = html.getBytes(StandardCharsets.UTF_8).length;
        Matcher asset = ASSET.matcher(html);
        while (asset.find()) {
            String path = asset.group(1);
            if (!path.startsWith(CHART_LIBRARY)) {
                bytes += assetBytes(path);
            }
        }
        return bytes;
    }

    private long assetBytes(String path) throws Exception {
        Long known = assetBytes.get(path);
        if (known == null) {
            HttpResponse<byte[]> asset = http.send(
                    HttpRequest.newBuilder(console.resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (asset.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + asset.statusCode());
            }
            known = (long) asset.body().length;
            assetBytes.put(path, known);
        }
        return known;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
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
