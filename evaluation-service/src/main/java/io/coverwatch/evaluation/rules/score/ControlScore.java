package io.coverwatch.evaluation.rules.score;

import io.coverwatch.evaluation.rules.Control;

/**
 * One control's share of the score.
 *
 * @param healthy   resources the control's rules evaluated with no failing rule
 * @param unhealthy resources on which at least one of the control's rules fails (and is not excluded)
 */
public record ControlScore(Control control, int healthy, int unhealthy) {

    /** Whether any resource counted: a control with none counts neither way. */
    public boolean evaluated() {
        return healthy + unhealthy > 0;
    }

    /** {@code maxPoints × healthy / (healthy + unhealthy)}; 0 when not evaluated. */
    public double currentPoints() {
        return evaluated() ? (double) control.maxPoints() * healthy / (healthy + unhealthy) : 0;
    }
}
