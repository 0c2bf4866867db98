package io.coverwatch.evaluation.rest;

import io.coverwatch.contracts.DefenderSecureScore;
import io.coverwatch.evaluation.rules.Control;
import io.coverwatch.evaluation.rules.score.ControlScore;
import io.coverwatch.evaluation.rules.score.SecureScore;
import io.coverwatch.evaluation.score.ScoreReports;
import io.coverwatch.evaluation.signal.DefenderSecureScoreStore;
import io.coverwatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A secure-score-style figure: per control, max points × healthy / (healthy + unhealthy); the total is the sum of
 * current points over the sum of max points, as a percentage, overall and per subscription.
 */
@Path("/api/score")
public class ScoreResource {

    /**
     * @param percentage null when no control has evaluated anything yet
     * @param defender   Defender for Cloud's own score of the subscription, as Azure last reported it; null overall, and
     *                   for a subscription Azure has not reported on
     */
    public record Score(
            double currentPoints,
            int maxPoints,
            Double percentage,
            List<ControlPoints> controls,
            DefenderScore defender) {

        static Score of(SecureScore score, DefenderSecureScore defender) {
            return new Score(
                    score.currentPoints(),
                    score.maxPoints(),
                    score.percentage().isPresent() ? score.percentage().getAsDouble() : null,
                    score.controls().stream().map(ControlPoints::of).toList(),
                    defender == null ? null : DefenderScore.of(defender));
        }
    }

    /** Defender's own figure, in Azure's words: current and max points, and the share as a percentage. */
    public record DefenderScore(double currentPoints, int maxPoints, double percentage, Instant observedAt) {

        static DefenderScore of(DefenderSecureScore score) {
            return new DefenderScore(
                    score.currentScore(), score.maxScore(), score.percentage() * 100, score.observedAt());
        }
    }

    public record ControlPoints(
            Control control, String title, int maxPoints, double currentPoints, int healthy, int unhealthy) {

        static ControlPoints of(ControlScore score) {
            return new ControlPoints(
                    score.control(),
                    score.control().title(),
                    score.control().maxPoints(),
                    score.currentPoints(),
                    score.healthy(),
                    score.unhealthy());
        }
    }

    /** @param subscriptions by lower-cased subscription ID */
    public record ScoreReport(Score overall, Map<String, Score> subscriptions) {}

    private final ScoreReports scores;
    private final DefenderSecureScoreStore defenderScores;

    ScoreResource(ScoreReports scores, DefenderSecureScoreStore defenderScores) {
        this.scores = scores;
        this.defenderScores = defenderScores;
    }

    @RolesAllowed(Roles.READER)
    @GET
    public ScoreReport score(@QueryParam("subscription") String subscriptionId) {
        Map<String, DefenderSecureScore> defender = defenderScores.bySubscription();
        Map<String, Score> subscriptions = new TreeMap<>();
        scores.perSubscription().forEach((subscription, score) -> {
            if (subscriptionId == null || subscription.equalsIgnoreCase(subscriptionId)) {
                subscriptions.put(subscription, Score.of(score, defender.get(subscription)));
            }
        });
        return new ScoreReport(Score.of(scores.overall(), null), subscriptions);
    }
}
