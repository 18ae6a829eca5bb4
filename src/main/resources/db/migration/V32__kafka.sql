-- Kafka as a transport of change events (docs/api/kafka.md). The relay's progress lives in Kafka
-- (a transactional progress topic); this row only mirrors it for health and lag, and keeps the
-- secret that turns personal IDs into the records' keys (sealed by the master key, platform.SecretBox).
create table exchange.kafka_relay (
    id         int         primary key check (id = 1),
    position   bigint      not null,
    relayed_at timestamptz,
    key_secret bytea
);
insert into exchange.kafka_relay values (1, 0, null, null);

-- A member that takes its events from its own Kafka topic, dancu.member.<code>: which event types, for
-- which purpose, from which position on. Each event is logged and metered once, as disclosed, when the
-- delivery hands it to Kafka: disclosed_position says how far that went, so that a delivery redone after
-- a crash logs and charges nothing twice.
create table exchange.kafka_subscription (
    member_id          bigint      primary key references exchange.member (id),
    event_types        text[]      not null,
    purpose_code       varchar(40) not null,
    from_position      bigint      not null,
    disclosed_position bigint      not null,
    created_at         timestamptz not null
);
