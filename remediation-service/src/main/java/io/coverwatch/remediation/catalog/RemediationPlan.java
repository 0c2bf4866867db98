package io.coverwatch.remediation.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** What Coverwatch does about one finding. */
public sealed interface RemediationPlan {

    /** The finding and the open episode a plan answers: a finding that resolves and reopens is a new episode. */
    record Episode(String findingId, String ruleId, Instant openedAt) {
        public Episode {
            Objects.requireNonNull(findingId, "findingId");
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(openedAt, "openedAt");
        }
    }

    /** A change Coverwatch can make itself, subject to the safety gate. */
    record Automatic(RemediationAction action, Target target, ArmRequest request, Episode episode)
            implements RemediationPlan {

        public Automatic {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(episode, "episode");
        }

        /**
         * The same for every delivery of the same finding episode, different once the finding resolves and reopens:
         * a hash of the finding ID, the action, the target (case-insensitive, as ARM IDs are) and the episode's start.
         */
        public String idempotencyKey() {
            String material = String.join(
                    "|",
                    episode.findingId(),
                    action.name(),
                    target.resourceId().toLowerCase(Locale.ROOT),
                    episode.openedAt().toString());
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
            }
        }
    }

    /** A person must act: why, and the steps, in the seed's words. */
    record ManualSteps(Obstacle obstacle, String reason, List<String> steps) implements RemediationPlan {
        public ManualSteps {
            Objects.requireNonNull(obstacle, "obstacle");
            Objects.requireNonNull(reason, "reason");
            steps = List.copyOf(steps);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("manual steps need at least one step");
            }
        }
    }

    /** A rule Coverwatch does not fix: the finding's own remediation text is the advice. */
    record NoRemediation(String reason) implements RemediationPlan {
        public NoRemediation {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
