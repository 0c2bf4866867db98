package io.coverwatch.evaluation.rules;

import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.SubscriptionDetails;
import java.util.Map;
import java.util.Optional;

/** The subscription a rule reads: the resource itself when it is one, else the resource's subscription. */
public final class Subscriptions {

    private Subscriptions() {}

    public static Optional<SubscriptionDetails> of(EvaluationInput input) {
        if (input.resource().details() instanceof SubscriptionDetails own) {
            return Optional.of(own);
        }
        return input.subscription();
    }

    /** The subscription's display name, or its ID while the name is unknown. */
    public static String name(EvaluationInput input) {
        return of(input)
                .map(SubscriptionDetails::displayName)
                .filter(name -> !name.isBlank())
                .orElse(input.resource().subscriptionId());
    }

    /** Whether the plan with this pricing name is on (tier Standard) in the subscription; off when it is absent. */
    public static boolean planOn(SubscriptionDetails subscription, String pricingName) {
        return subscription.plan(pricingName).map(DefenderPlan::enabled).orElse(false);
    }

    /** How many machines the evaluated subscription holds (none when the input is not a subscription). */
    public static long machineCount(EvaluationInput input) {
        return input.subscriptionKinds().entrySet().stream()
                .filter(entry -> entry.getKey().isMachine())
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** A verdict reason for rules that need the subscription before inventory has reported it. */
    public static Verdict.Unknown notReported(EvaluationInput input) {
        return new Verdict.Unknown("subscription " + input.resource().subscriptionId() + " has not been reported yet");
    }
}
