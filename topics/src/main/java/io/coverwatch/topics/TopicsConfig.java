package io.coverwatch.topics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** The topics a service produces to, created at start-up when missing ({@code coverwatch.topics.*}). */
@ConfigMapping(prefix = "coverwatch.topics")
public interface TopicsConfig {

    /** Each topic the service produces to, by name ({@code coverwatch.topics.produced."<name>".partitions=4}). */
    Map<String, Topic> produced();

    /** Copies of each partition of a topic created here; 3 on a production cluster. */
    @WithDefault("1")
    short replicationFactor();

    interface Topic {
        /**
         * Partitions: the most instances a consumer group can spread over. The same as the broker's
         * {@code num.partitions}, so a topic has them whether it is created here or auto-created by a consumer; an
         * existing topic's count is never changed (a key's partition, hence its order, would move).
         */
        @WithDefault("4")
        int partitions();

        /** Log-compacted: the topic carries each key's full state, so its latest record is all a consumer needs. */
        @WithDefault("false")
        boolean compacted();
    }
}
