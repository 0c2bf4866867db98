package io.coverwatch.evaluation.rest;

import io.coverwatch.contracts.DefenderSecureScore;
import io.coverwatch.evaluation.rules.Control;
import io.coverwatch.evaluation.rules.score.ControlScore;
import io.coverwatch.evaluation.rules.score.SecureScore;
import io.coverwatch.evaluation.score.LatestScore;
import io.coverwatch.evaluation.signal.DefenderSecureScoreStore;
import io.coverwatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A secure-score-style figure: per control, max points × healthy / (healthy + unhealthy); the total is the sum of
 * current points over the sum of max points, as a percentage, overall and per subscription.
 */
@Path("/api/score")
@Tag(name = "Score", description = "Coverwatch's secure score per control, and Defender for Cloud's own.")
public class ScoreResource {

    /**
     * @param percentage null when no control has evaluated anything yet
     * @param defender   Defender for Cloud's own score of the subscription, as Azure last reported it; null overall, and
     *                   for a subscription Azure has not reported on
     */
    @Schema(description = "A secure score: per control, and in total.")
    public record Score(
            @Schema(description = "The sum of the controls' current points.") double currentPoints,
            @Schema(description = "The sum of the controls' max points.") int maxPoints,
            @Schema(description = "currentPoints over maxPoints, as a percentage; null while nothing was evaluated.")
                    Double percentage,
            @Schema(description = "Each control's points; null when only the totals were asked for.")
                    List<ControlPoints> controls,
            @Schema(
                            description = "Defender for Cloud's own score of the subscription, as Azure last reported"
                                    + " it; null overall, and for a subscription Azure has not reported on.")
                    DefenderScore defender) {

        /** @param controls whether to list each control's points, or only the totals */
        static Score of(SecureScore score, DefenderSecureScore defender, boolean controls) {
            return new Score(
                    score.currentPoints(),
                    score.maxPoints(),
                    score.percentage().isPresent() ? score.percentage().getAsDouble() : null,
                    controls ? score.controls().stream().map(ControlPoints::of).toList() : null,
                    defender == null ? null : DefenderScore.of(defender));
        }
    }

    /** Defender's own figure, in Azure's words: current and max points, and the share as a percentage. */
    @Schema(description = "Defender for Cloud's own secure score, in Azure's words.")
    public record DefenderScore(
            @Schema(description = "Azure's current points.") double currentPoints,
            @Schema(description = "Azure's max points.") int maxPoints,
            @Schema(description = "The share, as a percentage (0 to 100).") double percentage,
            @Schema(description = "When Azure reported it (Resource Graph or continuous export).") Instant observedAt) {

        static DefenderScore of(DefenderSecureScore score) {
            return new DefenderScore(
                    score.currentScore(), score.maxScore(), score.percentage() * 100, score.observedAt());
        }
    }

    @Schema(description = "One control's points: maxPoints × healthy / (healthy + unhealthy).")
    public record ControlPoints(
            @Schema(description = "The control.") Control control,
            @Schema(description = "The control's title.") String title,
            @Schema(description = "What the control is worth.") int maxPoints,
            @Schema(description = "What it scores now.") double currentPoints,
            @Schema(description = "Resources its rules found healthy.") int healthy,
            @Schema(description = "Resources its rules found unhealthy.") int unhealthy) {

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

    /**
     * @param subscriptions by lower-cased subscription ID
     * @param reckonedAt    when the findings and assessments it counts were read (at most two refresh intervals ago)
     */
    @Schema(description = "The score overall and per subscription.")
    public record ScoreReport(
            @Schema(description = "The score over the whole estate.") Score overall,
            @Schema(description = "Each subscription's score, by its lower-cased ID.") Map<String, Score> subscriptions,
            @Schema(
                            description = "When the findings and assessments it counts were read: while the score"
                                    + " is read, it is reckoned again within seconds of a change, and not at all"
                                    + " while nothing changes.")
                    Instant reckonedAt) {}

    private final LatestScore scores;
    private final DefenderSecureScoreStore defenderScores;

    ScoreResource(LatestScore scores, DefenderSecureScoreStore defenderScores) {
        this.scores = scores;
        this.defenderScores = defenderScores;
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Operation(
            summary = "Show the secure score",
            description = "Coverwatch's secure-score-style figure: per control, max points × healthy / (healthy +"
                    + " unhealthy); the total is the sum of current points over the sum of max points, overall and per"
                    + " subscription, with Defender for Cloud's own score beside each subscription's. While it is read,"
                    + " it is reckoned again in the background within a second of a change this instance made, and"
                    + " within seconds of one another instance made; never while nothing changes. reckonedAt says"
                    + " when."
                    + " Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The score.")
    public ScoreReport score(
            @Parameter(description = "Only this subscription in subscriptions (its ID, any case); overall stays whole.")
                    @QueryParam("subscription")
                    String subscriptionId,
            @Parameter(
                            description = "Whether to list each control's points; false gives only the totals (a"
                                    + " tenth of the answer at a thousand subscriptions, what an overview shows).")
                    @QueryParam("controls")
                    @DefaultValue("true")
                    boolean controls) {
        Map<String, DefenderSecureScore> defender = defenderScores.bySubscription();
        Map<String, Score> subscriptions = new TreeMap<>();
        LatestScore.Reckoning reckoning = scores.read();
        Map<String, SecureScore> all = reckoning.perSubscription();
        all.forEach((subscription, score) -> {
            if (subscriptionId == null || subscription.equalsIgnoreCase(subscriptionId)) {
                subscriptions.put(subscription, Score.of(score, defender.get(subscription), controls));
            }
        });
        return new ScoreReport(
                Score.of(SecureScore.total(all.values()), null, controls), subscriptions, reckoning.reckonedAt());
    }
}
