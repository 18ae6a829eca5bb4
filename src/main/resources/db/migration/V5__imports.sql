-- Bulk import jobs. Each batch of rows commits with the job's counters and its rejected rows,
-- so after a crash the job shows exactly what was committed, and a rerun skips those persons.
alter table registry.household add column external_key text unique;

create table registry.import_job (
    id              uuid primary key,
    file_name       text        not null,
    file_bytes      bigint      not null,
    actor           text        not null,
    state           varchar(12) not null check (state in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'INTERRUPTED')),
    rows_read       bigint      not null default 0,
    bytes_read      bigint      not null default 0,
    accepted        bigint      not null default 0,
    already_present bigint      not null default 0,
    rejected        bigint      not null default 0,
    created_at      timestamptz not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    failure         text
);

create table registry.import_rejection (
    job_id uuid   not null references registry.import_job (id),
    line   bigint not null,
    reason text   not null,
    primary key (job_id, line)
);
