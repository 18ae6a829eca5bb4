-- Open statistics for ministries, provinces and the public (docs/api/statistics-v1.md): the exchange
-- product that members subscribe to, the purposes they name, the releases served with noise (each
-- table drawn once per month and served as stored, so repeating a query cannot average the noise
-- away) and each member's privacy budget with the ledger of what it spent.

-- Fee per published cell of a table (a "field" of a statistics answer); a new fee is a new version.
insert into exchange.product (code, version, name_vi, name_en, fields, fee_per_field, valid_from, valid_to) values
    ('statistics', 1, 'Số liệu thống kê dân cư tổng hợp', 'Aggregated population statistics', array['cells'], 10,
     date '2026-01-01', null);

insert into audit.purpose_code values
    ('OFFICIAL_STATISTICS', 'Thống kê nhà nước', 'Official statistics', false, null),
    ('DIRECTION', 'Chỉ đạo, điều hành', 'Direction and management', false, null),
    ('RESEARCH', 'Nghiên cứu khoa học', 'Scientific research', false, null);

-- A table released with noise, as served: to the public (member_id 0) or to one member, once per
-- month for the same table, unit and months asked for.
create table statistics.release (
    id         bigserial   primary key,
    member_id  bigint      not null,           -- exchange.member id; 0 = the public
    dimension  text        not null,
    unit_id    bigint      not null,           -- units module id; 0 = the nation
    period     char(7)     not null,           -- the month of the release, YYYY-MM (Vietnam time)
    months     text        not null default '', -- the months asked for (births, deaths, moves), "from..to"
    epsilon    numeric(12, 6) not null,
    body       jsonb       not null,
    created_at timestamptz not null default now(),
    unique (member_id, dimension, unit_id, period, months)
);

-- A member's monthly privacy budget where it differs from the platform's default (set by an operator).
create table statistics.privacy_budget (
    member_id       bigint         primary key,
    monthly_epsilon numeric(12, 6) not null check (monthly_epsilon >= 0)
);

-- What each member spent in a month, kept with the check against its budget in one statement.
create table statistics.privacy_spend (
    member_id bigint         not null,
    period    char(7)        not null,
    spent     numeric(12, 6) not null check (spent >= 0),
    primary key (member_id, period)
);

-- The ledger: one line per noisy table released to a member.
create table statistics.privacy_charge (
    id         bigserial      primary key,
    member_id  bigint         not null,
    period     char(7)        not null,
    epsilon    numeric(12, 6) not null check (epsilon > 0),
    dimension  text           not null,
    unit_id    bigint         not null,
    months     text           not null default '',
    charged_at timestamptz    not null default now()
);
create index privacy_charge_member on statistics.privacy_charge (member_id, period);
