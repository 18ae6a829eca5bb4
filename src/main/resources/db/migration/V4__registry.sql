-- The population registry (Law on Identification 2023, Art. 9). Units are referenced by the
-- units module's ids; the registry never reads the units tables itself.
-- Codes and numbers are varchar, not char(n): char(n) compared with text (arrays of parameters) loses its index.
create extension if not exists pg_trgm;
create schema registry;

create table registry.household (
    id            bigserial primary key,
    head_person_id bigint,
    unit_id       bigint      not null,
    address_line  text        not null,
    created_at    timestamptz not null default now(),
    version       int         not null default 0
);

create table registry.person (
    id                         bigserial primary key,
    personal_id                varchar(12) not null unique check (personal_id ~ '^[0-9]{12}$'),
    full_name                  text        not null,
    name_search                text        not null,
    other_names                text,
    gender                     varchar(6)  not null check (gender in ('MALE', 'FEMALE')),
    date_of_birth              date        not null,
    place_of_birth             text        not null,
    birth_registration_unit_id bigint      not null,
    place_of_origin            text,
    ethnicity                  text        not null,
    religion                   text,
    nationality                varchar(2)  not null,
    blood_group                varchar(3),
    marital_status             varchar(10) not null default 'SINGLE'
        check (marital_status in ('SINGLE', 'MARRIED', 'DIVORCED', 'WIDOWED')),
    father_id                  bigint references registry.person (id),
    mother_id                  bigint references registry.person (id),
    spouse_id                  bigint references registry.person (id),
    status                     varchar(10) not null default 'ALIVE' check (status in ('ALIVE', 'DECEASED', 'MISSING')),
    date_of_death              date,
    place_of_death             text,
    death_source_document      text,
    date_missing               date,
    phone                      text,
    email                      text,
    household_id               bigint references registry.household (id),
    relationship_to_head       varchar(20),
    version                    int         not null default 0,
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now(),
    check (status <> 'DECEASED' or date_of_death is not null)
);
create index person_name_trgm on registry.person using gin (name_search gin_trgm_ops);
create index person_birth on registry.person (date_of_birth);
create index person_birth_unit on registry.person (birth_registration_unit_id);
create index person_household on registry.person (household_id);

alter table registry.household add foreign key (head_person_id) references registry.person (id);

-- Every personal ID number ever issued: a number is never issued twice, even if its record is removed.
create table registry.issued_number (
    number    varchar(12) primary key,
    issued_at timestamptz not null default now()
);

-- Old 9-digit ID card numbers (CMND), each linked to exactly one person.
create table registry.legacy_id (
    number    varchar(9) primary key check (number ~ '^[0-9]{9}$'),
    person_id bigint      not null references registry.person (id),
    linked_at timestamptz not null default now()
);
create index legacy_id_person on registry.legacy_id (person_id);

create table registry.identity_card (
    id                bigserial primary key,
    person_id         bigint      not null references registry.person (id),
    card_number       varchar(12) not null,
    issue_date        date        not null,
    expiry_date       date,        -- null: valid for life (issued from age 58, two years before the last renewal age)
    issuing_authority text        not null,
    status            varchar(12) not null check (status in ('ACTIVE', 'REPLACED', 'REVOKED')),
    created_at        timestamptz not null default now()
);
create index identity_card_person on registry.identity_card (person_id);

create table registry.residence (
    id           bigserial primary key,
    person_id    bigint      not null references registry.person (id),
    type         varchar(20) not null check (type in ('PERMANENT', 'TEMPORARY', 'CURRENT', 'TEMPORARY_ABSENCE', 'STAY_NOTIFICATION')),
    unit_id      bigint      not null,
    address_line text        not null,
    valid_from   date        not null,
    valid_to     date,
    created_at   timestamptz not null default now(),
    check (valid_to is null or valid_to >= valid_from)
);
create index residence_person on registry.residence (person_id);
create index residence_unit on registry.residence (unit_id);

-- The versioned history: one row per change, never updated or deleted.
create table registry.person_change (
    id          bigserial primary key,
    person_id   bigint      not null references registry.person (id),
    changed_at  timestamptz not null default now(),
    actor       text        not null,
    change_type text        not null,
    reason      text        not null,
    changes     jsonb       not null
);
create index person_change_person on registry.person_change (person_id, id desc);

create function registry.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only (% refused)', tg_table_name, tg_op using errcode = '42501';
end $$;
create trigger person_change_append_only before update or delete on registry.person_change
    for each row execute function registry.refuse_change();
create trigger issued_number_append_only before update or delete on registry.issued_number
    for each row execute function registry.refuse_change();
