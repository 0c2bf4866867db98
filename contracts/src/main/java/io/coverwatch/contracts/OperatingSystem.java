package io.coverwatch.contracts;

import jakarta.validation.constraints.Size;

/**
 * What a machine runs. Any part may be null when its source does not say.
 *
 * @param name           for example {@code Windows Server 2012 R2 Datacenter} or {@code Ubuntu}
 * @param imagePublisher for example {@code MicrosoftWindowsServer}
 * @param imageSku       for example {@code 2012-R2-Datacenter}
 * @param systemd        whether the Linux distribution runs systemd (the Azure Monitor Agent needs it)
 */
public record OperatingSystem(
        @Size(max = 256) String name,
        @Size(max = 64) String version,
        @Size(max = 256) String imagePublisher,
        @Size(max = 256) String imageOffer,
        @Size(max = 256) String imageSku,
        Boolean systemd) {}
