-- Event Hubs partition ownership and checkpoints, kept here so no Azure Storage account is needed.
create table eventhub_ownership (
    namespace      varchar(255) not null,
    event_hub      varchar(255) not null,
    consumer_group varchar(255) not null,
    partition_id   varchar(64)  not null,
    owner_id       varchar(255) not null,
    last_modified  bigint       not null,
    etag           varchar(64)  not null,
    primary key (namespace, event_hub, consumer_group, partition_id)
);

create table eventhub_checkpoint (
    namespace       varchar(255) not null,
    event_hub       varchar(255) not null,
    consumer_group  varchar(255) not null,
    partition_id    varchar(64)  not null,
    offset_string   varchar(64),
    sequence_number bigint,
    primary key (namespace, event_hub, consumer_group, partition_id)
);
