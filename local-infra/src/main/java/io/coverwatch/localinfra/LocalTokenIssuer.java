package io.coverwatch.localinfra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A small OpenID Connect issuer on 127.0.0.1, standing in for Microsoft Entra ID in tests and in {@code ./run-local}.
 * The services validate its tokens through the very path they use against Entra ID: discovery
 * ({@code /.well-known/openid-configuration}), the signing keys ({@code /keys}) and RS256 signatures.
 *
 * <p>Every start has its own RSA key and its own client secret, so nothing here is a fixed password. A client that
 * knows the secret gets a token for the roles it asks for at {@code POST /token} ({@code grant_type=client_credentials},
 * {@code roles} separated by spaces or commas, {@code sub}, optionally {@code name}; the client ID and secret as HTTP
 * Basic or form fields). Tests in the same JVM may also sign claims directly, including wrong ones.
 *
 * <p>A web application (the console) signs people in with the authorization-code flow: {@code /authorize} shows a plain
 * sign-in page (a user name and the app roles to pick, no password: it is for the local run and the tests only) and
 * sends the browser back to the application's loopback {@code redirect_uri} with a one-time code, which the
 * application trades at {@code /token} ({@code grant_type=authorization_code}, with this run's secret) for an access
 * token carrying the roles (audience: the API's client ID, so the services accept it when the application relays it)
 * and an ID token. {@code /logout} ends the session and returns the browser to its {@code post_logout_redirect_uri}.
 *
 * <p>JDK only ({@code com.sun.net.httpserver}, {@code java.security}), because {@code ./run-local} runs local-infra from
 * its classes alone.
 */
public final class LocalTokenIssuer implements AutoCloseable {

    /** The property {@link #quarkusConfig()} names this run's client secret with. */
    public static final String CLIENT_SECRET_PROPERTY = "coverwatch.local-issuer.client-secret";

    /** The client ID of Coverwatch's API, which is also the audience of its tokens (as in Entra ID v2.0 tokens). */
    public static final String CLIENT_ID = "coverwatch-local";

    /** The app roles the sign-in page offers, as Coverwatch's app registration defines them. */
    public static final List<String> APP_ROLES = List.of(
            "Coverwatch.Reader", "Coverwatch.Operator", "Coverwatch.Approver", "Coverwatch.Admin", "Coverwatch.Ingest");

    /** How long a token is valid. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    /** How long a code of the authorization-code flow may wait to be traded for tokens. */
    static final Duration CODE_LIFETIME = Duration.ofMinutes(1);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final KeyPair keys;
    private final String keyId;
    private final String clientSecret;
    private final String issuer;
    private final Clock clock;
    private final Map<String, SignIn> codes = new ConcurrentHashMap<>();

    /** Who signed in at {@code /authorize}, kept under a one-time code until the application trades it. */
    private record SignIn(String subject, List<String> roles, String redirectUri, String nonce, Instant expiresAt) {}

    private LocalTokenIssuer(HttpServer server, KeyPair keys, String clientSecret, Clock clock) {
        this.server = server;
        this.keys = keys;
        this.keyId = UUID.randomUUID().toString();
        this.clientSecret = clientSecret;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/coverwatch-local/v2.0";
        this.clock = clock;
    }

    /** Starts an issuer with a fresh key and client secret on {@code port} of 127.0.0.1 (0 = a free port). */
    public static LocalTokenIssuer start(int port) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", LoopbackPorts.orFree(port)), 0);
            LocalTokenIssuer issuer =
                    new LocalTokenIssuer(server, generator.generateKeyPair(), randomSecret(), Clock.systemUTC());
            server.createContext("/", issuer::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "local-token-issuer");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local token issuer", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No RSA in this JDK", e);
        }
    }

    /** The issuer URL: {@code quarkus.oidc.auth-server-url}, and the {@code iss} of its tokens. */
    public String issuer() {
        return issuer;
    }

    public URI tokenEndpoint() {
        return URI.create(issuer + "/token");
    }

    /** This run's client secret for {@link #tokenEndpoint()}. */
    public String clientSecret() {
        return clientSecret;
    }

    /**
     * The configuration that makes a service accept this issuer's tokens: where the issuer is, and which audience a
     * token must have.
     */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.oidc.auth-server-url", issuer);
        config.put("quarkus.oidc.client-id", CLIENT_ID);
        config.put("quarkus.oidc.token.audience", CLIENT_ID);
        // A service that signs in itself (remediation-service, to inventory's demo estate) reads the secret from here.
        config.put(CLIENT_SECRET_PROPERTY, clientSecret);
        return config;
    }

    /** Claims of a valid token from now on, for the subject, its display name and its app roles. */
    public TokenClaims claims(String subject, String name, List<String> roles) {
        Instant now = clock.instant();
        return new TokenClaims(issuer, CLIENT_ID, subject, name, roles, now, now.plus(TOKEN_LIFETIME));
    }

    /** A valid access token for the subject, its display name and its app roles. */
    public String token(String subject, String name, List<String> roles) {
        return sign(claims(subject, name, roles));
    }

    /** Signs the claims, as they are, with this issuer's key: a compact JWS (RS256). */
    public String sign(TokenClaims claims) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", claims.issuer());
        payload.put("aud", claims.audience());
        payload.put("sub", claims.subject());
        if (claims.name() != null) {
            payload.put("name", claims.name());
        }
        payload.put("roles", claims.roles());
        payload.put("iat", claims.issuedAt().getEpochSecond());
        payload.put("nbf", claims.issuedAt().getEpochSecond());
        payload.put("exp", claims.expiresAt().getEpochSecond());
        payload.put("jti", UUID.randomUUID().toString());
        payload.put("ver", "2.0");
        return signPayload(payload);
    }

    private String signPayload(Map<String, Object> payload) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", keyId);
        String signingInput = encode(JsonText.write(header)) + "." + encode(JsonText.write(payload));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String base = URI.create(issuer).getPath();
            String local = path.startsWith(base) ? path.substring(base.length()) : path;
            switch (local) {
                case "/.well-known/openid-configuration" -> respond(exchange, 200, discovery());
                case "/keys" -> respond(exchange, 200, Map.of("keys", List.of(publicKey())));
                case "/token" -> token(exchange);
                case "/authorize" -> authorize(exchange);
                case "/logout" -> logout(exchange);
                default -> respond(exchange, 404, Map.of("error", "not_found"));
            }
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/keys");
        document.put("token_endpoint", tokenEndpoint().toString());
        document.put("authorization_endpoint", issuer + "/authorize");
        document.put("end_session_endpoint", issuer + "/logout");
        document.put("grant_types_supported", List.of("client_credentials", "authorization_code"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("response_types_supported", List.of("code", "token"));
        document.put("scopes_supported", List.of("openid", "profile"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("claims_supported", List.of("iss", "aud", "sub", "name", "roles", "iat", "nbf", "exp"));
        return document;
    }

    private Map<String, Object> publicKey() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", keyId);
        jwk.put("n", BASE64URL.encodeToString(unsigned(key.getModulus())));
        jwk.put("e", BASE64URL.encodeToString(unsigned(key.getPublicExponent())));
        return jwk;
    }

    /** RFC 6749 §4.4: client credentials; the roles, subject and name are ours to ask for locally. */
    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, error("invalid_request", "POST the token request"));
            return;
        }
        Map<String, String> form = form(exchange.getRequestBody());
        Optional<String> presented = basicSecret(exchange.getRequestHeaders().getFirst("Authorization"))
                .or(() -> Optional.ofNullable(
                        CLIENT_ID.equals(form.get("client_id")) ? form.get("client_secret") : null));
        if (presented.isEmpty()
                || !MessageDigest.isEqual(
                        presented.get().getBytes(StandardCharsets.UTF_8),
                        clientSecret.getBytes(StandardCharsets.UTF_8))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"coverwatch-local\"");
            respond(exchange, 401, error("invalid_client", "client " + CLIENT_ID + " with this run's secret"));
            return;
        }
        if ("authorization_code".equals(form.get("grant_type"))) {
            tradeCode(exchange, form);
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            respond(
                    exchange,
                    400,
                    error("unsupported_grant_type", "grant_type=client_credentials or grant_type=authorization_code"));
            return;
        }
        String subject = form.get("sub");
        if (subject == null || subject.isBlank()) {
            respond(exchange, 400, error("invalid_request", "sub names who the token is for"));
            return;
        }
        List<String> roles = roles(form.getOrDefault("roles", ""));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", token(subject, form.get("name"), roles));
        response.put("token_type", "Bearer");
        response.put("expires_in", TOKEN_LIFETIME.toSeconds());
        respond(exchange, 200, response);
    }

    private static List<String> roles(String listed) {
        return Arrays.stream(listed.split("[,\\s]+"))
                .filter(role -> !role.isBlank())
                .toList();
    }

    /**
     * OpenID Connect's authorization endpoint. {@code GET} shows the sign-in page; its form {@code POST}s back here,
     * and the browser goes on to the application with a code (RFC 6749 §4.1).
     */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> request = "POST".equals(exchange.getRequestMethod())
                ? form(exchange.getRequestBody())
                : query(exchange.getRequestURI().getRawQuery());
        String redirectUri = request.get("redirect_uri");
        if (!CLIENT_ID.equals(request.get("client_id")) || !isLoopback(redirectUri)) {
            // Never redirect to an address the request alone names: say so on a page instead.
            page(
                    exchange,
                    400,
                    "Sign-in refused",
                    "<p>Unknown client_id, or a redirect_uri that is not on this machine" + " (client "
                            + escape(CLIENT_ID) + ", http://127.0.0.1 or http://localhost).</p>");
            return;
        }
        if (!"code".equals(request.get("response_type"))) {
            redirect(
                    exchange,
                    redirectUri,
                    Map.of("error", "unsupported_response_type", "state", request.getOrDefault("state", "")));
            return;
        }
        String subject = request.getOrDefault("username", "").strip();
        if (!"POST".equals(exchange.getRequestMethod()) || subject.isEmpty()) {
            page(exchange, 200, "Sign in to Coverwatch", signInForm(request));
            return;
        }
        String code = randomSecret();
        codes.put(
                code,
                new SignIn(
                        subject,
                        roles(request.getOrDefault("roles", "")),
                        redirectUri,
                        request.get("nonce"),
                        clock.instant().plus(CODE_LIFETIME)));
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("code", code);
        if (request.get("state") != null) {
            answer.put("state", request.get("state"));
        }
        redirect(exchange, redirectUri, answer);
    }

    private static String signInForm(Map<String, String> request) {
        StringBuilder form = new StringBuilder("<form method=\"post\">");
        for (String field : List.of("client_id", "redirect_uri", "response_type", "state", "nonce", "scope")) {
            if (request.get(field) != null) {
                form.append("<input type=\"hidden\" name=\"")
                        .append(field)
                        .append("\" value=\"")
                        .append(escape(request.get(field)))
                        .append("\">");
            }
        }
        form.append("<p><label>User name <input name=\"username\" id=\"username\" required autofocus></label></p>")
                .append("<fieldset><legend>App roles</legend>");
        for (String role : APP_ROLES) {
            form.append("<p><label><input type=\"checkbox\" name=\"roles\" value=\"")
                    .append(role)
                    .append("\"> ")
                    .append(role)
                    .append("</label></p>");
        }
        return form.append("</fieldset><p><button type=\"submit\" id=\"sign-in\">Sign in</button></p></form>")
                .append(
                        "<p>This page stands in for Microsoft Entra ID in the local run: no password, pick the roles.</p>")
                .toString();
    }

    /** The code's trade (RFC 6749 §4.1.3): once, before it expires, by the client it was issued for. */
    private void tradeCode(HttpExchange exchange, Map<String, String> form) throws IOException {
        SignIn signIn = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (signIn == null
                || clock.instant().isAfter(signIn.expiresAt())
                || !signIn.redirectUri().equals(form.get("redirect_uri"))) {
            respond(exchange, 400, error("invalid_grant", "an unused code of the last minute, with its redirect_uri"));
            return;
        }
        Instant now = clock.instant();
        Map<String, Object> idToken = new LinkedHashMap<>();
        idToken.put("iss", issuer);
        idToken.put("aud", CLIENT_ID);
        idToken.put("sub", signIn.subject());
        idToken.put("name", signIn.subject());
        idToken.put("preferred_username", signIn.subject());
        idToken.put("roles", signIn.roles());
        if (signIn.nonce() != null) {
            idToken.put("nonce", signIn.nonce());
        }
        idToken.put("iat", now.getEpochSecond());
        idToken.put("nbf", now.getEpochSecond());
        idToken.put("exp", now.plus(TOKEN_LIFETIME).getEpochSecond());
        idToken.put("ver", "2.0");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", token(signIn.subject(), signIn.subject(), signIn.roles()));
        response.put("id_token", signPayload(idToken));
        response.put("token_type", "Bearer");
        response.put("expires_in", TOKEN_LIFETIME.toSeconds());
        response.put("scope", "openid profile");
        respond(exchange, 200, response);
    }

    /** RP-initiated logout: nothing is kept here but codes, so it only sends the browser back (or says it is done). */
    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> request = query(exchange.getRequestURI().getRawQuery());
        String back = request.get("post_logout_redirect_uri");
        if (isLoopback(back)) {
            Map<String, String> answer = new LinkedHashMap<>();
            if (request.get("state") != null) {
                answer.put("state", request.get("state"));
            }
            redirect(exchange, back, answer);
        } else {
            page(exchange, 200, "Signed out", "<p>You are signed out.</p>");
        }
    }

    /** Only this machine's applications get codes: the issuer is for the local run and the tests. */
    private static boolean isLoopback(String uri) {
        if (uri == null) {
            return false;
        }
        try {
            URI parsed = new URI(uri);
            return ("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))
                    && ("127.0.0.1".equals(parsed.getHost()) || "localhost".equals(parsed.getHost()))
                    && parsed.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void redirect(HttpExchange exchange, String to, Map<String, String> parameters) throws IOException {
        StringBuilder location = new StringBuilder(to);
        char separator = to.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            location.append(separator)
                    .append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        exchange.getResponseHeaders().add("Location", location.toString());
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    private static void page(HttpExchange exchange, int status, String title, String body) throws IOException {
        byte[] bytes = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                        + "</title></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        // No form-action: a browser applies it to the redirect after the form, which goes to the application.
        exchange.getResponseHeaders().add("Content-Security-Policy", "default-src 'none'");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static Optional<String> basicSecret(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && decoded.substring(0, colon).equals(CLIENT_ID)
                ? Optional.of(decoded.substring(colon + 1))
                : Optional.empty();
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        return query(new String(body.readNBytes(16 * 1024), StandardCharsets.UTF_8));
    }

    /** Form or query fields; a repeated field (the roles' checkboxes) keeps every value, separated by spaces. */
    private static Map<String, String> query(String text) {
        Map<String, String> fields = new HashMap<>();
        if (text == null) {
            return fields;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.merge(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8),
                        (first, next) -> first + " " + next);
            }
        }
        return fields;
    }

    private static Map<String, Object> error(String code, String description) {
        return Map.of("error", code, "error_description", description);
    }

    private static void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JsonText.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JWK integer is its unsigned big-endian bytes; BigInteger adds a sign byte when the top bit is set. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String randomSecret() {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        return BASE64URL.encodeToString(secret);
    }
}
