package io.coverwatch.contracts.cloudevents;

/** Header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    /** In binary mode the datacontenttype attribute travels as the plain {@code content-type} header. */
    public static final String CONTENT_TYPE = "content-type";

    public static final String JSON = "application/json";

    private CloudEventHeaders() {}
}
