-- The national load (docs/import-format.md): the first import into an empty registry is validated
-- row by row in parallel into an UNLOGGED staging table, checked set-wise in SQL, and written with
-- the registry's secondary indexes and foreign keys dropped and rebuilt, all in one transaction.
-- Staging is scratch: emptied at the start of every load (and by PostgreSQL after a crash).
alter table registry.import_job
    add column mode  varchar(11) not null default 'INCREMENTAL' check (mode in ('INCREMENTAL', 'NATIONAL')),
    add column phase varchar(12);

create unlogged table registry.import_stage (
    line                 bigint      not null,
    personal_id          varchar(12) not null,
    full_name            text        not null,
    name_search          text        not null,
    gender               varchar(6)  not null,
    date_of_birth        date        not null,
    place_of_birth       text        not null,
    birth_unit_id        bigint      not null,
    ethnicity            text        not null,
    religion             text,
    nationality          varchar(2)  not null,
    legacy_id            varchar(9),
    father_personal_id   varchar(12),
    mother_personal_id   varchar(12),
    household_key        text,
    relationship_to_head varchar(20),
    permanent_unit_id    bigint,
    permanent_address    text,
    permanent_from       date,
    temporary_unit_id    bigint,
    temporary_address    text,
    temporary_from       date,
    temporary_to         date,
    date_of_death        date,
    place_of_death       text
);

-- The rows the row-by-row validation refused, with their reasons.
create unlogged table registry.import_stage_rejection (
    line   bigint not null,
    reason text   not null
);

-- An index a national load dropped and left to be built after its commit (the name search's
-- trigram index: minutes at national scale). Built with CREATE INDEX CONCURRENTLY by the load, or
-- at the next start if the platform stopped first; the row goes when the index is valid.
create table registry.deferred_index (
    name        text primary key,
    definition  text        not null,
    deferred_at timestamptz not null default now()
);
