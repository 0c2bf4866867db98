package io.coverwatch.evaluation.estate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A number that moves once a transaction of this instance that changed what is reckoned over the whole estate (a
 * finding's status, a Defender assessment, the resources held) has committed. What is reckoned from it (the secure
 * score) is reckoned again only when it moved, not on a timer: a reckoning reads every open finding and assessment.
 *
 * <p>It moves after the commit, not when the change is made: a reckoning that begins before the commit and so misses
 * the change is followed by another. Other instances' changes do not move it; readers bound how long they trust it.
 */
@ApplicationScoped
public class EstateRevision {

    private static final Object MARKED = new Object();

    private final AtomicLong revision = new AtomicLong();
    private final TransactionSynchronizationRegistry transactions;

    EstateRevision(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** The revision now: the same number twice means this instance committed no such change in between. */
    public long current() {
        return revision.get();
    }

    /** Says the current transaction changes the estate: the revision moves if and once it commits. */
    public void changed() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            revision.incrementAndGet();
            return;
        }
        if (transactions.getResource(MARKED) == null) {
            transactions.putResource(MARKED, MARKED);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        revision.incrementAndGet();
                    }
                }
            });
        }
    }
}
