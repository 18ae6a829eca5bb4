-- The access log and its seals partitioned by month (UTC), so that old months can be archived to files and
-- dropped (docs/database.md, "Partitions and archives"). The existing tables become one legacy partition
-- each, attached without moving a row; months after it are partitions created ahead of time by
-- audit.ensure_month, and audit.archive_month drops the oldest once its archive is recorded. The runtime
-- role owns no partition and may call only these two functions: it cannot truncate, detach or drop one.
reset role;

-- Retention as data: the newest row per table is in force. Append-only, so every change stays on record.
create table audit.retention (
    id         bigserial primary key,
    table_name text        not null check (table_name in ('audit.access_log', 'exchange.usage')),
    months     int         not null check (months between 1 and 1200),
    set_by     text        not null,
    set_at     timestamptz not null default now()
);
insert into audit.retention (table_name, months, set_by) values ('audit.access_log', 24, 'V30'), ('exchange.usage', 24, 'V30');

-- One row per archived partition: the manifest's SHA-256 ties the files to the database.
create table audit.archive (
    id           bigserial primary key,
    table_name   text        not null check (table_name in ('audit.access_log', 'exchange.usage')),
    period_start timestamptz,                                   -- null: from the beginning (the legacy partition)
    period_end   timestamptz not null,
    manifest     text        not null,                          -- file name under <data-dir>/archive
    sha256       bytea       not null check (length(sha256) = 32),
    rows         bigint      not null,
    first_id     bigint,
    last_id      bigint,
    seals        bigint      not null default 0,
    archived_by  text        not null,
    archived_at  timestamptz not null default now(),
    unique (table_name, period_end)
);

-- The partitions of a table and their ranges (lower null: from minvalue), the default partition left out.
create function audit.partitions(parent regclass)
    returns table (part regclass, lower timestamptz, upper timestamptz)
    language plpgsql stable set search_path = pg_catalog, pg_temp as $$
declare
    r record;
    m text[];
begin
    for r in select c.oid::regclass as oid, pg_get_expr(c.relpartbound, c.oid) as bound
             from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = parent loop
        m := regexp_match(r.bound, '^FOR VALUES FROM \((.*)\) TO \((.*)\)$');
        continue when m is null;
        part := r.oid;
        lower := case when m[1] = 'MINVALUE' then null else trim(both '''' from m[1])::timestamptz end;
        upper := trim(both '''' from m[2])::timestamptz;
        return next;
    end loop;
end $$;

-- Rename the tables to their legacy names; the parents take over the names, sequences and indexes' roles.
alter table audit.access_log rename to access_log_legacy;
alter index audit.access_log_pkey rename to access_log_legacy_pkey;
alter index audit.access_log_subject rename to access_log_legacy_subject;
alter index audit.access_log_actor rename to access_log_legacy_actor;
alter index audit.access_log_time rename to access_log_legacy_time;
drop trigger access_log_append_only on audit.access_log_legacy;   -- the parent's clone replaces it
alter trigger access_log_no_truncate on audit.access_log_legacy rename to access_log_legacy_no_truncate;

alter table audit.access_log_seal rename to access_log_seal_legacy;
alter index audit.access_log_seal_pkey rename to access_log_seal_legacy_pkey;
alter index audit.access_log_seal_last rename to access_log_seal_legacy_last;
drop trigger access_log_seal_append_only on audit.access_log_seal_legacy;

create table audit.access_log (
    id                  bigint      not null default nextval('audit.access_log_id_seq'),
    accessed_at         timestamptz not null default now(),
    actor_type          varchar(10) not null constraint access_log_actor_type_check
        check (actor_type in ('STAFF', 'MEMBER', 'SELF', 'SYSTEM')),
    actor               text        not null,
    subject_personal_id varchar(12) not null,
    fields              text[]      not null,
    purpose             text        not null,
    channel             varchar(10) not null constraint access_log_channel_check
        check (channel in ('API', 'WEB', 'BATCH', 'SELF', 'OIDC')),
    case_ref            text,
    nonce               bigint,
    mac                 bytea,
    purpose_code        varchar(40),
    hidden_until        date,
    primary key (id, accessed_at)
) partition by range (accessed_at);
create index access_log_subject on audit.access_log (subject_personal_id, accessed_at desc);
create index access_log_actor on audit.access_log (actor, accessed_at desc);
create index access_log_time on audit.access_log using brin (accessed_at);
-- Row triggers are cloned onto every partition; the statement trigger is not, so each partition gets its own.
create trigger access_log_append_only before update or delete on audit.access_log
    for each row execute function audit.refuse_change();
create trigger access_log_no_truncate before truncate on audit.access_log
    for each statement execute function audit.refuse_change();

create table audit.access_log_seal (
    position   bigint      not null,
    first_id   bigint      not null,
    last_id    bigint      not null,
    log_ids    bigint[]    not null,
    chain_hash bytea       not null,
    sealed_at  timestamptz not null default now(),
    primary key (position, sealed_at)
) partition by range (sealed_at);
create index access_log_seal_last on audit.access_log_seal (last_id);
create trigger access_log_seal_append_only before update or delete on audit.access_log_seal
    for each row execute function audit.refuse_change();
create trigger access_log_seal_no_truncate before truncate on audit.access_log_seal
    for each statement execute function audit.refuse_change();

-- Creates the month's partition of a table (nothing when one covers it already), owned by whoever runs
-- this (dancu_audit, through ensure_month), with its own truncate guard and the parent's grants.
create function audit.create_month_partition(parent regclass, month date) returns void
    language plpgsql set search_path = pg_catalog, pg_temp as $$
declare
    m      timestamptz := (date_trunc('month', month)::timestamp at time zone 'UTC');
    name   text := (select relname from pg_class where oid = parent) || '_' || to_char(m at time zone 'UTC', 'YYYY_MM');
    schema name := (select n.nspname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = parent);
    grant_ record;
begin
    if exists (select from audit.partitions(parent) p where (p.lower is null or p.lower <= m) and m < p.upper) then
        return;
    end if;
    execute format('create table %I.%I partition of %s for values from (%L) to (%L)', schema, name, parent, m, m + interval '1 month');
    execute format('create trigger %I before truncate on %I.%I for each statement execute function audit.refuse_change()',
                   name || '_no_truncate', schema, name);
    execute format('revoke all on table %I.%I from public', schema, name);
    for grant_ in select distinct a.grantee::regrole as grantee, a.privilege_type
                  from pg_class c, aclexplode(c.relacl) a
                  where c.oid = parent and a.grantee <> c.relowner and a.grantee <> 0
                    and a.privilege_type in ('SELECT', 'INSERT') loop
        execute format('grant %s on table %I.%I to %s', grant_.privilege_type, schema, name, grant_.grantee);
    end loop;
end $$;
revoke all on function audit.create_month_partition(regclass, date) from public;

-- The month's partitions of the access log and of its seals: the platform calls it ahead of time.
create function audit.ensure_month(month date) returns void
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
begin
    perform audit.create_month_partition('audit.access_log', month);
    perform audit.create_month_partition('audit.access_log_seal', month);
end $$;

-- Drops the oldest partition of the access log (the one holding `month`) and the seals of the same period,
-- once they are archived: refused unless the period ended longer ago than the retention in force, it is the
-- oldest, and audit.archive holds a row with this manifest's hash that counts the same rows, ids and seals.
create function audit.archive_month(month date, manifest_sha256 bytea) returns void
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
declare
    m        timestamptz := (date_trunc('month', month)::timestamp at time zone 'UTC');
    log_part record;
    seal     regclass;
    kept     int;
    recorded audit.archive;
    counted  record;
    seals    bigint := 0;
begin
    select * into log_part from audit.partitions('audit.access_log') p where (p.lower is null or p.lower <= m) and m < p.upper;
    if not found then
        raise exception 'no partition of audit.access_log holds %', month using errcode = 'P0002';
    end if;
    kept := coalesce((select months from audit.retention where table_name = 'audit.access_log' order by set_at desc, id desc limit 1), 1200);
    if log_part.upper + make_interval(months => kept) > now() then
        raise exception 'audit.access_log up to % is within the retention of % months', log_part.upper, kept using errcode = '42501';
    end if;
    if exists (select from audit.partitions('audit.access_log') p where p.upper < log_part.upper) then
        raise exception 'an older partition of audit.access_log is not archived yet' using errcode = '42501';
    end if;
    select * into recorded from audit.archive a
    where a.table_name = 'audit.access_log' and a.period_end = log_part.upper and a.sha256 = manifest_sha256;
    if recorded.id is null then
        raise exception 'audit.archive holds no archive of audit.access_log up to % with this hash', log_part.upper using errcode = '42501';
    end if;
    execute format('select count(*) as n, min(id) as first, max(id) as last from %s', log_part.part) into counted;
    select p.part into seal from audit.partitions('audit.access_log_seal') p where p.upper = log_part.upper;
    if seal is not null then
        execute format('select count(*) from %s', seal) into seals;
    end if;
    if counted.n <> recorded.rows or counted.first is distinct from recorded.first_id or counted.last is distinct from recorded.last_id
            or seals <> recorded.seals then
        raise exception 'the archive recorded for audit.access_log up to % does not count the partition''s rows and seals', log_part.upper
            using errcode = '42501';
    end if;
    execute format('drop table %s', log_part.part);
    if seal is not null then
        execute format('drop table %s', seal);
    end if;
end $$;
revoke all on function audit.ensure_month(date), audit.archive_month(date, bytea) from public;

-- The new tables and functions belong to the old tables' owner: dancu_audit once V14 has settled them (the
-- runtime role itself on a database migrated without a migration role). So the partitions that the definer
-- functions make are dancu_audit's, and the runtime role can neither truncate, detach nor drop them.
do $owners$
declare
    owner_ regrole := (select relowner::regrole from pg_class where oid = 'audit.access_log_legacy'::regclass);
begin
    perform pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    execute format('alter table audit.access_log owner to %s', owner_);
    execute format('alter table audit.access_log_seal owner to %s', owner_);
    execute format('alter table audit.retention owner to %s', owner_);
    execute format('alter table audit.archive owner to %s', owner_);
    execute format('alter function audit.partitions(regclass) owner to %s', owner_);
    execute format('alter function audit.create_month_partition(regclass, date) owner to %s', owner_);
    execute format('alter function audit.ensure_month(date) owner to %s', owner_);
    execute format('alter function audit.archive_month(date, bytea) owner to %s', owner_);
end $owners$;
alter sequence audit.access_log_id_seq owned by audit.access_log.id;

-- The existing rows stay where they are: the old tables become the partitions up to the month after the
-- newest row (a check constraint spares the attach its scan). Empty, they are dropped instead.
do $legacy$
declare
    newest timestamptz := greatest((select max(accessed_at) from audit.access_log_legacy),
                                   (select max(sealed_at) from audit.access_log_seal_legacy));
    bound  timestamptz;
begin
    if newest is null then
        drop table audit.access_log_legacy;
        drop table audit.access_log_seal_legacy;
        return;
    end if;
    bound := (date_trunc('month', newest at time zone 'UTC') + interval '1 month') at time zone 'UTC';
    execute format('alter table audit.access_log_legacy add constraint access_log_legacy_range check (accessed_at < %L)', bound);
    -- the parent's key includes the partition key: the legacy key on id alone gives way to one on (id, accessed_at)
    create unique index access_log_legacy_id_time on audit.access_log_legacy (id, accessed_at);
    alter table audit.access_log_legacy drop constraint access_log_legacy_pkey;
    execute format('alter table audit.access_log attach partition audit.access_log_legacy for values from (minvalue) to (%L)', bound);
    execute format('alter table audit.access_log_seal_legacy add constraint access_log_seal_legacy_range check (sealed_at < %L)', bound);
    create unique index access_log_seal_legacy_position_time on audit.access_log_seal_legacy (position, sealed_at);
    alter table audit.access_log_seal_legacy drop constraint access_log_seal_legacy_pkey;
    execute format('alter table audit.access_log_seal attach partition audit.access_log_seal_legacy for values from (minvalue) to (%L)',
                   bound);
end $legacy$;

-- Rows dated outside every month (a wrong clock, a forgery) are kept, not refused: the verifier reports them.
create table audit.access_log_default partition of audit.access_log default;
create trigger access_log_default_no_truncate before truncate on audit.access_log_default
    for each statement execute function audit.refuse_change();
create table audit.access_log_seal_default partition of audit.access_log_seal default;
create trigger access_log_seal_default_no_truncate before truncate on audit.access_log_seal_default
    for each statement execute function audit.refuse_change();
do $defaults$
declare
    owner_ regrole := (select relowner::regrole from pg_class where oid = 'audit.access_log'::regclass);
begin
    perform pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    execute format('alter table audit.access_log_default owner to %s', owner_);
    execute format('alter table audit.access_log_seal_default owner to %s', owner_);
end $defaults$;

-- The runtime role may add rows and make the months ahead, nothing more.
do $grants$
declare
    runtime name := coalesce(nullif('${runtimeRole}', ''), session_user);
begin
    perform pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    execute format('grant select, insert on audit.access_log, audit.access_log_seal to %I', runtime);
    execute format('grant execute on function audit.ensure_month(date), audit.archive_month(date, bytea) to %I', runtime);
end $grants$;

-- This month and the next, as dancu_audit would make them (the job keeps months ahead from now on).
select audit.ensure_month(current_date);
select audit.ensure_month((current_date + interval '1 month')::date);

do $back$
begin
    perform pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    if '${runtimeRole}' <> '' and '${runtimeRole}' <> session_user then
        execute format('set role %I', '${runtimeRole}');
    end if;
end $back$;
