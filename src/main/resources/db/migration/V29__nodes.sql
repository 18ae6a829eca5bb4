-- Many nodes on one database (docs/nodes.md): what each node used to keep in its own memory is kept
-- here, so that two or more nodes behind a load balancer behave as one.
create schema platform;

-- HTTP sessions (Spring Session JDBC, its PostgreSQL schema with our table name; spring.session.jdbc.table-name).
-- Times are epoch milliseconds, as Spring Session writes them. One node a minute deletes the expired ones.
create table platform.http_session (
    primary_id            char(36)     not null primary key,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100)
);
create unique index http_session_ix1 on platform.http_session (session_id);
create index http_session_ix2 on platform.http_session (expiry_time);
create index http_session_ix3 on platform.http_session (principal_name);

create table platform.http_session_attributes (
    session_primary_id char(36)     not null references platform.http_session (primary_id) on delete cascade,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    primary key (session_primary_id, attribute_name)
);

-- Failed logins per network address, one row per address and minute (eid.AddressThrottle sums the window).
create table eid.address_failure (
    address  text        not null,
    minute   timestamptz not null,
    failures int         not null,
    primary key (address, minute)
);
create index address_failure_minute on eid.address_failure (minute);

-- Calls to the open statistics per network address and minute (statistics.PublicThrottle).
create table statistics.public_call (
    address text        not null,
    minute  timestamptz not null,
    calls   int         not null,
    primary key (address, minute)
);
create index public_call_minute on statistics.public_call (minute);

-- Each member's online calls of a day (Vietnam time), counted against its daily quota by every node
-- (exchange.Metering); exchange.usage stays the statement.
create table exchange.quota_day (
    member_id bigint not null references exchange.member (id),
    day       date   not null,
    calls     bigint not null check (calls >= 0),
    primary key (member_id, day)
);

-- A token revoked at the provider (its metadata marked invalidated) is dropped at once from every node's
-- verdict cache (exchange.CallerTokens) through the cache bus (platform.CacheBus, channel dancu_cache):
-- the notification leaves when the revoking transaction commits. "db" stands for the sending node.
create function platform.announce_revoked_token() returns trigger language plpgsql as $$
begin
    if new.access_token_metadata ~ '"metadata\.token\.invalidated"\s*:\s*true'
       and old.access_token_metadata is distinct from new.access_token_metadata then
        perform pg_notify('dancu_cache', 'exchange.caller-tokens:db:' || new.principal_name);
    end if;
    return null;
end $$;
create trigger announce_revoked_token after update of access_token_metadata on public.oauth2_authorization
    for each row execute function platform.announce_revoked_token();

-- Reconciliation uploads, in parts of 1 MiB, so that any node can run the job (exchange.Reconciliations);
-- reconciliation.file names the upload ("upload:<uuid>"). A job is held by one node for a lease that the
-- node renews each chunk; a job whose lease ran out is taken over by the next node that looks.
create table exchange.reconciliation_upload (
    upload uuid  not null,
    part   int   not null,
    bytes  bytea not null,
    primary key (upload, part)
);
alter table exchange.reconciliation add column lease_until timestamptz;
