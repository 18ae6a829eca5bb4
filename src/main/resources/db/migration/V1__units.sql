-- Administrative units as versioned data (DOMAIN.md §2). Codes are reused across eras
-- (old 24 = Bắc Giang, new 24 = Bắc Ninh), so a unit is a code plus its validity.
create schema units;

create table units.unit (
    id              bigserial primary key,
    code            varchar(10) not null,
    level           varchar(20) not null check (level in ('PROVINCE', 'COMMUNE')),
    name            text        not null,
    type            text        not null,
    parent_id       bigint references units.unit (id),
    valid_from      date,            -- null: since before the records kept here
    valid_to        date,            -- inclusive; null: in force
    id_issuing_code varchar(3),       -- provinces: first three digits of personal ID numbers issued there
    name_search     text        not null,
    check (valid_to is null or valid_from is null or valid_from <= valid_to),
    check (id_issuing_code is null or id_issuing_code ~ '^[0-9]{3}$')
);
create unique index unit_identity on units.unit (level, code, coalesce(valid_from, date '0001-01-01'));
create index unit_parent on units.unit (parent_id);

-- Which unit(s) took over from a dissolved one. An old commune split between new ones has several rows.
create table units.succession (
    old_unit_id    bigint not null references units.unit (id),
    new_unit_id    bigint not null references units.unit (id),
    effective_date date   not null,
    primary key (old_unit_id, new_unit_id)
);
