package io.coverwatch.remediation.lifecycle;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Reads remediations and their audit trail for the API. */
@ApplicationScoped
public class RemediationQueries {

    /** What a list of remediations may be narrowed by; every field may be null. */
    public record Filter(
            RemediationStatus status,
            String subscriptionId,
            String action,
            String ruleId,
            String resourceId,
            String findingId) {}

    /** One page of a list, with how many there are in all. */
    @Schema(description = "One page of a list, with the total it is taken from.")
    public record Page<T>(
            @Schema(description = "This page's items.") List<T> items,
            @Schema(description = "The page, from 0.") int page,
            @Schema(description = "The page size asked for.") int size,
            @Schema(description = "How many items the whole list has.") long total) {}

    public Page<RemediationRecord> remediations(Filter filter, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        condition(query, parameters, filter.status(), "status = :status", "status");
        condition(
                query,
                parameters,
                filter.subscriptionId(),
                "lower(subscriptionId) = lower(:subscription)",
                "subscription");
        condition(query, parameters, filter.action(), "upper(action) = upper(:action)", "action");
        condition(query, parameters, filter.ruleId(), "upper(ruleId) = upper(:rule)", "rule");
        condition(query, parameters, filter.resourceId(), "lower(resourceId) = lower(:resource)", "resource");
        condition(query, parameters, filter.findingId(), "findingId = :finding", "finding");
        PanacheQuery<RemediationRecord> found =
                RemediationRecord.find(query.toString(), Sort.descending("createdAt"), parameters);
        return new Page<>(found.page(page, size).list(), page, size, found.count());
    }

    public Optional<RemediationRecord> remediation(String remediationId) {
        return RemediationRecord.findByIdOptional(remediationId);
    }

    public List<AuditEntry> trail(String remediationId) {
        return AuditEntry.list("remediationId", Sort.ascending("seq"), remediationId);
    }

    /** The audit trail across remediations, newest first; actor and since may be null. */
    public Page<AuditEntry> audit(String actor, Instant since, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        condition(query, parameters, actor, "actor = :actor", "actor");
        condition(query, parameters, since, "at >= :since", "since");
        PanacheQuery<AuditEntry> found = AuditEntry.find(query.toString(), Sort.descending("seq"), parameters);
        return new Page<>(found.page(page, size).list(), page, size, found.count());
    }

    private static void condition(
            StringBuilder query, Parameters parameters, Object value, String clause, String parameter) {
        if (value != null) {
            query.append(" and ").append(clause);
            parameters.and(parameter, value);
        }
    }
}
