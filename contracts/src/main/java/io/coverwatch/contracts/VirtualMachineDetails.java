package io.coverwatch.contracts;

import java.util.List;

/**
 * An Azure VM: enough to tell whether its agents can be present and healthy.
 *
 * @param osType     {@code Windows} or {@code Linux}
 * @param powerState the instance view's power state code, for example {@code PowerState/running}
 */
public record VirtualMachineDetails(String osType, String powerState, List<VmExtension> extensions)
        implements ResourceDetails {

    public VirtualMachineDetails {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }
}
