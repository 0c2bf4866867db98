-- The subscriptions among a million resources, for coverage (ResourceStates.subscriptions): the only index on the type
-- leads with the subscription, so finding a thousand subscription rows read the whole index (44 ms) or, in a generic
-- plan, the whole table (396 ms). A partial index holds only them, and only their writes maintain it.
create index evaluated_resource_subscription_idx on evaluated_resource (subscription_id)
    where resource_type = 'microsoft.resources/subscriptions';
