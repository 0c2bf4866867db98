package io.coverwatch.inventory.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/** The tests' identity: a fixed bearer token the fake Azure accepts, instead of DefaultAzureCredential. */
@ApplicationScoped
public class FixedTokenCredential implements TokenCredential {

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.just(new AccessToken(FakeAzure.TOKEN, OffsetDateTime.now().plusHours(1)));
    }
}
