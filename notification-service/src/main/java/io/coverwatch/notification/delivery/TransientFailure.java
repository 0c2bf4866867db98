package io.coverwatch.notification.delivery;

/** A failure worth retrying (5xx, 408, timeout, broken connection); it counts against the channel's circuit. */
final class TransientFailure extends Exception {

    private final Integer httpStatus;

    /** @param error already free of the channel's URL */
    TransientFailure(Integer httpStatus, String error) {
        super(error, null, false, false);
        this.httpStatus = httpStatus;
    }

    Integer httpStatus() {
        return httpStatus;
    }
}
