-- The heartbeat of the read replica (docs/deployment.md): one node at a time writes the time into this row every
-- second on the primary; a node reading from a replica compares it with the replica's clock. The difference is how
-- far the replica lags behind, also when the primary has nothing else to write, and reads go to the primary when it
-- exceeds the bound (dancu.replica.max-lag).
create schema if not exists platform;

create table platform.heartbeat (
    id   int primary key check (id = 1),
    beat timestamptz not null
);

insert into platform.heartbeat (id, beat) values (1, now());
