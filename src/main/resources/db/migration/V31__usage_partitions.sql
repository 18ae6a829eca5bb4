-- Metering partitioned by month (UTC) like the access log (V30). exchange.usage belongs to the runtime role, as the
-- rest of the exchange schema: its partitions are made by exchange.ensure_usage_month, run by the same job.
-- exchange.event stays one table: its unique position (the members' cursor) and the delivery's foreign key to it
-- need a key without the month (docs/database.md).
alter table exchange.usage rename to usage_legacy;
alter index exchange.usage_pkey rename to usage_legacy_pkey;
alter index exchange.usage_member_day rename to usage_legacy_member_day;

create table exchange.usage (
    id           bigint      not null default nextval('exchange.usage_id_seq'),
    member_id    bigint      not null references exchange.member (id),
    at           timestamptz not null,
    day          date        not null,
    operation    varchar(20) not null,
    product      varchar(40) not null,
    calls        int         not null,
    fields       int         not null,
    fee_vnd      bigint      not null,
    purpose_code varchar(40),
    case_ref     text,
    primary key (id, at)
) partition by range (at);
alter sequence exchange.usage_id_seq owned by exchange.usage.id;
create index usage_member_day on exchange.usage (member_id, day);

create function exchange.ensure_usage_month(month date) returns void language plpgsql as $$
declare
    m timestamptz := (date_trunc('month', month)::timestamp at time zone 'UTC');
begin
    if not exists (select from audit.partitions('exchange.usage') p where (p.lower is null or p.lower <= m) and m < p.upper) then
        execute format('create table exchange.%I partition of exchange.usage for values from (%L) to (%L)',
                       'usage_' || to_char(m at time zone 'UTC', 'YYYY_MM'), m, m + interval '1 month');
    end if;
end $$;

do $legacy$
declare
    newest timestamptz := (select max(at) from exchange.usage_legacy);
    bound  timestamptz;
begin
    if newest is null then
        drop table exchange.usage_legacy;
        return;
    end if;
    bound := (date_trunc('month', newest at time zone 'UTC') + interval '1 month') at time zone 'UTC';
    execute format('alter table exchange.usage_legacy add constraint usage_legacy_range check (at < %L)', bound);
    create unique index usage_legacy_id_at on exchange.usage_legacy (id, at);
    alter table exchange.usage_legacy drop constraint usage_legacy_pkey;
    execute format('alter table exchange.usage attach partition exchange.usage_legacy for values from (minvalue) to (%L)', bound);
end $legacy$;

create table exchange.usage_default partition of exchange.usage default;
select exchange.ensure_usage_month(current_date);
select exchange.ensure_usage_month((current_date + interval '1 month')::date);
