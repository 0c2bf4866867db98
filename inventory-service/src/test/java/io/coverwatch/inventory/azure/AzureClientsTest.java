package io.coverwatch.inventory.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.azure.core.management.AzureEnvironment;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AzureClientsTest {

    /** An AzureConfig answering the given settings; every other Optional is empty. */
    private static AzureConfig config(AzureConfig.Environment environment, Map<String, String> settings) {
        return (AzureConfig) Proxy.newProxyInstance(
                AzureConfig.class.getClassLoader(), new Class<?>[] {AzureConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("environment")) {
                        return environment;
                    }
                    if (method.getReturnType() == Optional.class) {
                        return Optional.ofNullable(settings.get(method.getName()));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theSovereignCloudsAreTheSdksOwn() {
        assertSame(AzureEnvironment.AZURE, AzureClients.environment(config(AzureConfig.Environment.AZURE, Map.of())));
        assertSame(
                AzureEnvironment.AZURE_CHINA,
                AzureClients.environment(config(AzureConfig.Environment.AZURE_CHINA, Map.of())));
        assertSame(
                AzureEnvironment.AZURE_US_GOVERNMENT,
                AzureClients.environment(config(AzureConfig.Environment.AZURE_US_GOVERNMENT, Map.of())));
    }

    @Test
    void aCustomCloudTakesItsResourceManagerAndAuthority() {
        AzureEnvironment custom = AzureClients.environment(config(
                AzureConfig.Environment.CUSTOM,
                Map.of(
                        "resourceManagerEndpoint", "https://management.contoso.example",
                        "authorityHost", "https://login.contoso.example/")));
        assertEquals("https://management.contoso.example/", custom.getResourceManagerEndpoint());
        assertEquals("https://management.contoso.example/", custom.getManagementEndpoint());
        assertEquals("https://login.contoso.example/", custom.getActiveDirectoryEndpoint());
    }

    @Test
    void aCustomCloudWithoutEndpointsIsRefused() {
        assertThrows(
                IllegalStateException.class,
                () -> AzureClients.environment(config(AzureConfig.Environment.CUSTOM, Map.of())));
    }
}
