-- Staff accounts: officers, auditors and administrators, each bound to a jurisdiction.
create schema identity;

create table identity.staff_account (
    id                   bigserial primary key,
    username             varchar(64) not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    password_hash        text        not null,
    display_name         text        not null,
    role                 varchar(20) not null check (role in ('COMMUNE_OFFICER', 'PROVINCE_OFFICER', 'CENTRAL_OFFICER', 'AUDITOR', 'ADMIN')),
    jurisdiction_unit_id bigint,      -- a unit in force (units module); null: the whole country
    enabled              boolean     not null default true,
    failed_logins        int         not null default 0,
    locked_until         timestamptz,
    last_login_at        timestamptz,
    created_at           timestamptz not null default now(),
    check (role not in ('COMMUNE_OFFICER', 'PROVINCE_OFFICER') or jurisdiction_unit_id is not null)
);
