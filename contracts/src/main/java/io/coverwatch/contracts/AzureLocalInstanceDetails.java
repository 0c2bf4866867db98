package io.coverwatch.contracts;

import jakarta.validation.constraints.Size;

/**
 * An Azure Local instance ({@code Microsoft.AzureStackHCI/clusters}). Its machines, VMs, storage accounts and key
 * vaults name it in {@link AzureResource#azureLocalInstanceId()}.
 *
 * @param version for example {@code 10.2411.0.22}; Azure Local-exclusive recommendations need 2311 or later
 * @param status  for example {@code ConnectedRecently}
 */
public record AzureLocalInstanceDetails(@Size(max = 64) String version, @Size(max = 64) String status)
        implements ResourceDetails {}
