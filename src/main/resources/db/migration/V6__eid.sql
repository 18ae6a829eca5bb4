-- Citizen e-ID accounts, the OpenID Connect provider's clients, keys and consents.
create schema eid;

create table eid.citizen_account (
    id                 bigserial primary key,
    personal_id        varchar(12) not null unique,
    level              smallint    not null check (level in (1, 2)),
    state              varchar(10) not null check (state in ('PENDING', 'ACTIVE', 'LOCKED', 'SUSPENDED', 'REVOKED')),
    password_hash      text,
    phone              varchar(15),
    phone_confirmed_at timestamptz,
    totp_secret        bytea,        -- sealed with the master key
    totp_pending       bytea,        -- a new secret being set up, in force only once a code from it is confirmed
    totp_enabled       boolean     not null default false,
    totp_last_step     bigint,       -- a TOTP code is accepted once
    failed_logins      int         not null default 0,
    lockouts           int         not null default 0,   -- each lockout lasts twice the one before
    locked_until       timestamptz,
    level2_at          timestamptz,
    level2_by          text,
    level2_evidence    text,
    state_reason       text,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    last_login_at      timestamptz
);

-- What happened to an account and who did it: registration, activation, lockouts, recovery, revocation.
create table eid.account_event (
    id         bigserial primary key,
    account_id bigint      not null references eid.citizen_account,
    at         timestamptz not null default now(),
    type       varchar(30) not null,
    actor      text        not null,
    detail     text
);
create index account_event_account on eid.account_event (account_id, at desc);

-- One-time codes sent by SMS; only a hash is kept.
create table eid.one_time_code (
    id          bigserial primary key,
    account_id  bigint      not null references eid.citizen_account,
    purpose     varchar(20) not null check (purpose in ('CONFIRM_PHONE', 'LOGIN', 'RECOVERY')),
    code_hash   text        not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    attempts    int         not null default 0,
    consumed_at timestamptz
);
create index one_time_code_account on eid.one_time_code (account_id, purpose, created_at desc);

-- Messages handed to the local SMS gateway (developer outbox; see SmsGateway).
create table eid.sms_outbox (
    id         bigserial primary key,
    phone      varchar(15) not null,
    body       text        not null,
    created_at timestamptz not null default now()
);

-- Citizens' signed-in sessions, so that they can be listed, ended by the citizen, and ended at once on death.
create table eid.citizen_session (
    id           varchar(64) primary key,
    account_id   bigint      not null references eid.citizen_account,
    created_at   timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    ended_at     timestamptz,
    end_reason   text,
    acr          varchar(20) not null,
    user_agent   text,
    address      text
);
create index citizen_session_account on eid.citizen_session (account_id) where ended_at is null;

-- Relying parties and API clients of the provider.
create table eid.relying_party (
    id                        varchar(36)  primary key,
    client_id                 varchar(100) not null unique check (client_id ~ '^[a-z0-9][a-z0-9._-]{2,99}$'),
    name                      text         not null,
    kind                      varchar(20)  not null check (kind in ('RELYING_PARTY', 'API_CLIENT', 'STAFF_APP')),
    confidential              boolean      not null,
    auth_methods              text[]       not null,
    secret_hash               text,
    jwks_uri                  text,
    redirect_uris             text[]       not null default '{}',
    post_logout_redirect_uris text[]       not null default '{}',
    scopes                    text[]       not null default '{}',
    claims                    text[]       not null default '{}',
    acr_values                text[]       not null default '{}',
    purpose                   text         not null,
    sector                    varchar(100) not null,
    status                    varchar(10)  not null check (status in ('ACTIVE', 'SUSPENDED')),
    created_at                timestamptz  not null default now(),
    updated_at                timestamptz  not null default now(),
    version                   int          not null default 0
);

-- A citizen's consent to release claims to a relying party; revoked consents are kept.
create table eid.oidc_consent (
    id               bigserial primary key,
    relying_party_id varchar(36)  not null references eid.relying_party,
    principal_name   varchar(200) not null,
    authorities      text[]       not null,
    granted_at       timestamptz  not null default now(),
    revoked_at       timestamptz
);
create unique index oidc_consent_current on eid.oidc_consent (relying_party_id, principal_name) where revoked_at is null;
create index oidc_consent_principal on eid.oidc_consent (principal_name);

-- Token signing keys. The newest active key signs; retired keys stay published until every token they signed has expired.
create table eid.signing_key (
    kid         varchar(64) primary key,
    algorithm   varchar(10) not null,
    public_jwk  text        not null,
    private_key bytea       not null,   -- sealed with the master key
    created_at  timestamptz not null default now(),
    retired_at  timestamptz,
    expires_at  timestamptz
);

-- Platform secrets (the pairwise subject salt), sealed with the master key.
create table eid.platform_secret (
    name  varchar(50) primary key,
    value bytea not null
);

-- Spring Authorization Server's authorizations (codes and tokens); its table name is fixed, so it lives in public.
-- Its published schema with blob -> text and timestamp -> timestamptz for PostgreSQL.
create table public.oauth2_authorization (
    id                            varchar(100) not null primary key,
    registered_client_id          varchar(100) not null,
    principal_name                varchar(200) not null,
    authorization_grant_type      varchar(100) not null,
    authorized_scopes             varchar(1000),
    attributes                    text,
    state                         varchar(500),
    authorization_code_value      text,
    authorization_code_issued_at  timestamptz,
    authorization_code_expires_at timestamptz,
    authorization_code_metadata   text,
    access_token_value            text,
    access_token_issued_at        timestamptz,
    access_token_expires_at       timestamptz,
    access_token_metadata         text,
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           text,
    oidc_id_token_issued_at       timestamptz,
    oidc_id_token_expires_at      timestamptz,
    oidc_id_token_metadata        text,
    refresh_token_value           text,
    refresh_token_issued_at       timestamptz,
    refresh_token_expires_at      timestamptz,
    refresh_token_metadata        text,
    user_code_value               text,
    user_code_issued_at           timestamptz,
    user_code_expires_at          timestamptz,
    user_code_metadata            text,
    device_code_value             text,
    device_code_issued_at         timestamptz,
    device_code_expires_at        timestamptz,
    device_code_metadata          text
);
-- Lookups by token value (the service compares the text columns).
create index oauth2_authorization_state on public.oauth2_authorization (state);
create index oauth2_authorization_code on public.oauth2_authorization (authorization_code_value);
create index oauth2_authorization_access on public.oauth2_authorization using hash (access_token_value);
create index oauth2_authorization_refresh on public.oauth2_authorization using hash (refresh_token_value);
create index oauth2_authorization_id_token on public.oauth2_authorization using hash (oidc_id_token_value);
create index oauth2_authorization_principal on public.oauth2_authorization (principal_name, registered_client_id);
