package io.coverwatch.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local issuer as a client sees it: discovery, keys, and tokens for this run's secret only. */
class LocalTokenIssuerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalTokenIssuer issuer;

    @BeforeAll
    static void start() {
        issuer = LocalTokenIssuer.start(0);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void discoveryNamesTheIssuerItsKeysAndItsTokenEndpoint() throws Exception {
        JsonNode discovery = get(issuer.issuer() + "/.well-known/openid-configuration");
        assertEquals(issuer.issuer(), discovery.get("issuer").asText());
        assertEquals(
                issuer.tokenEndpoint().toString(),
                discovery.get("token_endpoint").asText());
        JsonNode key = get(discovery.get("jwks_uri").asText()).get("keys").get(0);
        assertEquals("RSA", key.get("kty").asText());
        assertEquals("RS256", key.get("alg").asText());
    }

    @Test
    void aTokenAskedForWithThisRunsSecretCarriesTheRolesAndVerifiesAgainstThePublishedKey() throws Exception {
        HttpResponse<String> response = tokenRequest(
                issuer.clientSecret(),
                "grant_type=client_credentials&sub=soc-analyst&name=SOC+Analyst&roles=Coverwatch.Reader+Coverwatch.Operator");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("Bearer", body.get("token_type").asText());
        String token = body.get("access_token").asText();

        String[] parts = token.split("\\.");
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        assertEquals("RS256", header.get("alg").asText());
        assertEquals(issuer.issuer(), claims.get("iss").asText());
        assertEquals(LocalTokenIssuer.CLIENT_ID, claims.get("aud").asText());
        assertEquals("soc-analyst", claims.get("sub").asText());
        assertEquals("SOC Analyst", claims.get("name").asText());
        assertEquals(
                List.of("Coverwatch.Reader", "Coverwatch.Operator"),
                JSON.convertValue(claims.get("roles"), List.class));
        assertEquals(
                LocalTokenIssuer.TOKEN_LIFETIME.toSeconds(),
                claims.get("exp").asLong() - claims.get("iat").asLong());

        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publishedKey(header.get("kid").asText()));
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])));
    }

    @Test
    void anotherRunsSecretOrNoneGetsNoToken() throws Exception {
        try (LocalTokenIssuer other = LocalTokenIssuer.start(0)) {
            assertNotEquals(issuer.clientSecret(), other.clientSecret());
            HttpResponse<String> refused =
                    tokenRequest(other.clientSecret(), "grant_type=client_credentials&sub=x&roles=Coverwatch.Admin");
            assertEquals(401, refused.statusCode());
            assertFalse(refused.body().contains("access_token"));
        }
        HttpResponse<String> anonymous = HTTP.send(
                HttpRequest.newBuilder(issuer.tokenEndpoint())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&sub=x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }

    @Test
    void aTokenNamesWhoItIsFor() throws Exception {
        HttpResponse<String> response =
                tokenRequest(issuer.clientSecret(), "grant_type=client_credentials&roles=Coverwatch.Reader");
        assertEquals(400, response.statusCode());
        assertEquals(
                "invalid_request", JSON.readTree(response.body()).get("error").asText());
    }

    private static HttpResponse<String> tokenRequest(String secret, String form) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString((LocalTokenIssuer.CLIENT_ID + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(
                HttpRequest.newBuilder(issuer.tokenEndpoint())
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static PublicKey publishedKey(String kid) throws Exception {
        JsonNode key = get(issuer.issuer() + "/keys").get("keys").get(0);
        assertEquals(kid, key.get("kid").asText());
        BigInteger modulus =
                new BigInteger(1, Base64.getUrlDecoder().decode(key.get("n").asText()));
        BigInteger exponent =
                new BigInteger(1, Base64.getUrlDecoder().decode(key.get("e").asText()));
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return JSON.readTree(response.body());
    }

    private static JsonNode decode(String part) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(part));
    }
}
