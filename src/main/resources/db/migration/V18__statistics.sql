-- Direction and statistics (docs/statistics.md): aggregates kept up to date from the other modules'
-- events, never from a scan of the population at query time. Only the statistics module reads or
-- writes this schema; no table here names a person.
create schema statistics;

-- Every figure the platform shows or serves: one number per fact, unit and key. Units are the ones
-- in force today (units module ids); 0 is the nation. A fact kept by commune is also kept, summed,
-- for the commune's province and for the nation, so that no query sums more than one level.
create table statistics.figure (
    fact    text   not null,
    unit_id bigint not null,
    k1      text   not null default '',
    k2      text   not null default '',
    k3      text   not null default '',
    value   bigint not null,
    primary key (fact, unit_id, k1, k2, k3)
);

-- Changes to figures, written in the transaction of the change that causes them and folded into
-- statistics.figure by one worker in batches: the writers never wait on a hot counter row.
-- unit_id is the unit as the source recorded it (any era, any level; 0 = the nation only).
create table statistics.journal (
    id          bigserial   primary key,
    fact        text        not null,
    unit_id     bigint      not null,
    k1          text        not null default '',
    k2          text        not null default '',
    k3          text        not null default '',
    amount      bigint      not null,
    occurred_at timestamptz not null default now()
);

-- The one row of state: the date ages are counted on, and the latest batch folded in.
create table statistics.state (
    id               int         primary key check (id = 1),
    as_of            date        not null,
    batch            bigint      not null default 0,
    latest_change_at timestamptz,
    applied_at       timestamptz
);

-- Figures of past days, as they stood at the end of each day (kept by the nightly step).
create table statistics.daily (
    day     date   not null,
    fact    text   not null,
    unit_id bigint not null,
    value   bigint not null,
    primary key (fact, unit_id, day)
);

-- What each unit a source recorded (any era, any level) counts as today: the commune and the province
-- in force that cover it (null when it covers none, such as a province for the commune), filled from
-- the units module's API as units appear and refreshed when the units change. 0 (the nation) maps to
-- nothing and so counts for the nation only.
create table statistics.unit_map (
    unit_id     bigint primary key,
    commune_id  bigint,
    province_id bigint
);
