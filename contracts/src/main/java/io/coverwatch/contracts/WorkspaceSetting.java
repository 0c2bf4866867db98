package io.coverwatch.contracts;

import jakarta.validation.constraints.Size;

/**
 * The Log Analytics workspace Defender for Cloud sends agent data to.
 *
 * @param workspaceId      the workspace's ARM ID; null for the default workspace Defender creates
 * @param defaultWorkspace whether it is Defender's default workspace rather than a custom one
 * @param sentinel         whether Microsoft Sentinel is enabled on it (the recommended setup)
 */
public record WorkspaceSetting(@Size(max = 1024) String workspaceId, boolean defaultWorkspace, boolean sentinel) {}
