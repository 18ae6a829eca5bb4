-- The programme's indicators and monthly reports (docs/statistics.md, docs/reports.md).

-- eid: the relying party whose authorization request a login answered ('' for the citizen's own pages),
-- so that the logins per relying party can be counted again; and the count of the sign-ins the purge
-- deletes after 90 days, per day (Vietnam time), relying party and level, so that the count outlives them.
alter table eid.citizen_session add column client_id varchar(100) not null default '';
create table eid.sign_in_day (
    day       date         not null,
    client_id varchar(100) not null,
    level     int          not null check (level in (1, 2)),
    logins    bigint       not null,
    primary key (day, client_id, level)
);

-- exchange: which member's latest reconciliation record of a person disagreed with the registry and
-- has not matched since (a data-quality indicator: persons with an open difference).
create table exchange.open_difference (
    personal_id varchar(12) not null,
    member_id   bigint      not null references exchange.member (id),
    opened_at   timestamptz not null default now(),
    primary key (personal_id, member_id)
);

-- statistics: the monthly reports of the programme, per province (unit_id) and for the nation (0),
-- as generated (figures only, no person): each generation is kept, the latest is the one in force.
create table statistics.report (
    id           bigserial   primary key,
    month        varchar(7)  not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    unit_id      bigint      not null,
    unit_name    text        not null,
    trigger      varchar(10) not null check (trigger in ('SCHEDULED', 'ON_DEMAND')),
    requested_by text        not null,
    generated_at timestamptz not null default now(),
    pdf          bytea       not null,
    csv          bytea       not null
);
create index report_month_unit on statistics.report (month desc, unit_id);
