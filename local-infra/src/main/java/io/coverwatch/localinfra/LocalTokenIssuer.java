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
import java.net.URLDecoder;
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
 * <p>JDK only ({@code com.sun.net.httpserver}, {@code java.security}), because {@code ./run-local} runs local-infra from
 * its classes alone.
 */
public final class LocalTokenIssuer implements AutoCloseable {

    /** The property {@link #quarkusConfig()} names this run's client secret with. */
    public static final String CLIENT_SECRET_PROPERTY = "coverwatch.local-issuer.client-secret";

    /** The client ID of Coverwatch's API, which is also the audience of its tokens (as in Entra ID v2.0 tokens). */
    public static final String CLIENT_ID = "coverwatch-local";

    /** How long a token is valid. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final KeyPair keys;
    private final String keyId;
    private final String clientSecret;
    private final String issuer;
    private final Clock clock;

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
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", keyId);
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
                default -> respond(exchange, 404, Map.of("error", "not_found"));
            }
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/keys");
        document.put("token_endpoint", tokenEndpoint().toString());
        document.put("grant_types_supported", List.of("client_credentials"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("response_types_supported", List.of("token"));
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
        if (!"client_credentials".equals(form.get("grant_type"))) {
            respond(exchange, 400, error("unsupported_grant_type", "grant_type=client_credentials"));
            return;
        }
        String subject = form.get("sub");
        if (subject == null || subject.isBlank()) {
            respond(exchange, 400, error("invalid_request", "sub names who the token is for"));
            return;
        }
        List<String> roles = Arrays.stream(form.getOrDefault("roles", "").split("[,\\s]+"))
                .filter(role -> !role.isBlank())
                .toList();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", token(subject, form.get("name"), roles));
        response.put("token_type", "Bearer");
        response.put("expires_in", TOKEN_LIFETIME.toSeconds());
        respond(exchange, 200, response);
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
        Map<String, String> fields = new HashMap<>();
        String text = new String(body.readNBytes(16 * 1024), StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
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
