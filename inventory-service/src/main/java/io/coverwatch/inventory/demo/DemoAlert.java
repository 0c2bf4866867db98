package io.coverwatch.inventory.demo;

import java.time.Duration;
import java.util.Objects;

/**
 * A Defender for Cloud security alert on a demo machine, as the estate file states it.
 *
 * @param alertType for example {@code VM_EICAR}, Defender's test alert
 * @param severity  High, Medium, Low or Informational; null when the file gives none
 * @param ago       how long before startup the alert was generated
 */
public record DemoAlert(String alertType, String severity, Duration ago) {

    public DemoAlert {
        Objects.requireNonNull(alertType, "alertType");
        Objects.requireNonNull(ago, "ago");
    }
}
