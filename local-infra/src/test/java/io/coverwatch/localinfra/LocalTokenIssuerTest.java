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

    @Test
    void discoveryOffersTheAuthorizationCodeFlowAndSignOut() throws Exception {
        JsonNode discovery = get(issuer.issuer() + "/.well-known/openid-configuration");
        assertEquals(
                issuer.issuer() + "/authorize",
                discovery.get("authorization_endpoint").asText());
        assertEquals(
                issuer.issuer() + "/logout",
                discovery.get("end_session_endpoint").asText());
        assertTrue(discovery.get("grant_types_supported").toString().contains("authorization_code"));
        assertTrue(discovery.get("response_types_supported").toString().contains("\"code\""));
    }

    @Test
    void aPersonSignedInOnTheSignInPageIsSentBackWithACodeThatTradesOnceForTheirTokens() throws Exception {
        String authorize = issuer.issuer() + "/authorize?response_type=code&client_id=coverwatch-local"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Foverview&state=st4te&nonce=n0nce&scope=openid";
        HttpResponse<String> page =
                HTTP.send(HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("name=\"username\""), page.body());
        assertTrue(page.body().contains("value=\"Coverwatch.Approver\""), page.body());
        assertTrue(page.body().contains("value=\"st4te\""), "the state rides along in the form");

        HttpResponse<String> signedIn = HTTP.send(
                HttpRequest.newBuilder(URI.create(issuer.issuer() + "/authorize"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("response_type=code&client_id=coverwatch-local"
                                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Foverview&state=st4te&nonce=n0nce"
                                + "&username=soc-analyst&roles=Coverwatch.Reader&roles=Coverwatch.Approver"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, signedIn.statusCode());
        String location = signedIn.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("http://127.0.0.1:8080/overview?code="), location);
        assertTrue(location.endsWith("&state=st4te"), location);
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf('&'));

        String trade =
                "grant_type=authorization_code&code=" + code + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Foverview";
        HttpResponse<String> tokens = tokenRequest(issuer.clientSecret(), trade);
        assertEquals(200, tokens.statusCode(), tokens.body());
        JsonNode body = JSON.readTree(tokens.body());
        JsonNode access = decode(body.get("access_token").asText().split("\\.")[1]);
        assertEquals(LocalTokenIssuer.CLIENT_ID, access.get("aud").asText(), "the APIs' audience");
        assertEquals("soc-analyst", access.get("sub").asText());
        assertEquals(
                List.of("Coverwatch.Reader", "Coverwatch.Approver"),
                JSON.convertValue(access.get("roles"), List.class));
        JsonNode id = decode(body.get("id_token").asText().split("\\.")[1]);
        assertEquals("n0nce", id.get("nonce").asText());
        assertEquals(LocalTokenIssuer.CLIENT_ID, id.get("aud").asText());

        assertEquals(400, tokenRequest(issuer.clientSecret(), trade).statusCode(), "a code trades once");
    }

    @Test
    void aCodeIsOnlyForThisRunsClientAndARedirectOffThisMachineIsRefusedOnThePage() throws Exception {
        HttpResponse<String> elsewhere = HTTP.send(
                HttpRequest.newBuilder(URI.create(issuer.issuer() + "/authorize"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("response_type=code&client_id=coverwatch-local"
                                + "&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&state=s&username=x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, elsewhere.statusCode());
        assertTrue(elsewhere.headers().firstValue("Location").isEmpty());

        HttpResponse<String> signedIn = HTTP.send(
                HttpRequest.newBuilder(URI.create(issuer.issuer() + "/authorize"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "response_type=code&client_id=coverwatch-local"
                                                + "&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&state=s&username=x&roles=Coverwatch.Admin"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElseThrow();
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf('&'));
        String trade = "grant_type=authorization_code&code=" + code + "&redirect_uri=http%3A%2F%2Flocalhost%2Fcb";
        try (LocalTokenIssuer other = LocalTokenIssuer.start(0)) {
            assertEquals(401, tokenRequest(other.clientSecret(), trade).statusCode());
        }
        assertEquals(200, tokenRequest(issuer.clientSecret(), trade).statusCode());
    }

    @Test
    void signingOutSendsTheBrowserBackToTheApplication() throws Exception {
        HttpResponse<String> out = HTTP.send(
                HttpRequest.newBuilder(URI.create(issuer.issuer()
                                + "/logout?post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fsigned-out"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, out.statusCode());
        assertEquals(
                "http://127.0.0.1:8080/signed-out",
                out.headers().firstValue("Location").orElseThrow());
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
