package io.coverwatch.remediation.controls;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The operator's two global switches; one row, absent until someone first flips one. */
@Entity
@Table(name = "safety_switch")
public class SafetySwitch extends PanacheEntityBase {

    static final short ONLY_ROW = 1;

    @Id
    public short id;

    @Column(name = "dry_run")
    public boolean dryRun;

    @Column(name = "kill_switch")
    public boolean killSwitch;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at")
    public Instant changedAt;

    public String reason;
}
