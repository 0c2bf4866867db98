/**
 * Routing, grouping, silencing and inhibition of notices: Prometheus Alertmanager's semantics as pure functions, so
 * the runtime persists plain records and passes the clock.
 *
 * <p><b>Labels.</b> A notice has {@code severity} ({@code High}/{@code Medium}/{@code Low}), {@code rule},
 * {@code subscription} (the GUID), {@code kind} (the ARM type's last segment: {@code virtualMachines},
 * {@code machines}, {@code servers}, {@code subscriptions}), {@code type} (the full ARM type), {@code noticeKind}
 * ({@code FINDING}, {@code REMEDIATION_FAILED}, ...) and {@code tag:<name>}. Any other label is
 * {@link io.coverwatch.notification.routing.InvalidRouting}. A missing label reads as {@code ""}, as in Alertmanager.
 *
 * <p><b>Where Coverwatch deviates from Alertmanager, and why.</b>
 *
 * <ul>
 *   <li>Built-in labels compare ignoring case (Alertmanager is case-sensitive): Azure treats these identifiers
 *       case-insensitively and Resource Graph lower-cases types. Tag names too; tag values stay case-sensitive. Group
 *       keys use the lower-cased form, so case variants group together.
 *   <li>{@code send_resolved} is set per route, inherited like the timers (Alertmanager sets it per receiver), and
 *       defaults to true.
 *   <li>A resolved notice is only told if its firing was told; one that fired and resolved unseen (within group_wait,
 *       or while muted) is dropped silently. Alertmanager may send "resolved" for an alert it never sent firing.
 *   <li>Timers run from events, not from a free-running group tick: changes go out exactly group_interval after the
 *       last message and repeats exactly repeat_interval after it (Alertmanager rounds both up to its next
 *       group_interval tick). While a notice is muted the group is looked at every group_interval, as Alertmanager's
 *       tick would.
 *   <li>group_wait always runs from when the group first saw a notice; Alertmanager skips it when the alert's own
 *       start is older than group_wait, which here would defeat batching whenever findings are replayed.
 *   <li>The Defender for Servers inhibit rule is built in and always applies, on top of the configured ones.
 *   <li>A remediation step is inhibited with its finding: it is judged as the finding it belongs to, so that a muted
 *       symptom's "Remediation planned" is muted too (Alertmanager knows no such link between alerts).
 *   <li>An excluded finding is, for alerting, a resolved one, told resolved once with its exclusion's reason.
 * </ul>
 */
package io.coverwatch.notification.routing;
