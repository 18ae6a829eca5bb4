-- Citizens' passkeys (WebAuthn, docs/architecture.md#passkeys). Each account that registers one gets
-- a random user handle: the authenticator stores it and sends it back, so it must not be the
-- personal ID number. Staff passkeys have tables of their own in schema identity.
create table eid.passkey_user (
    account_id  bigint      primary key references eid.citizen_account,
    user_handle bytea       not null unique check (length(user_handle) between 16 and 64),
    created_at  timestamptz not null default now()
);

create table eid.passkey (
    id                 bigserial    primary key,
    account_id         bigint       not null references eid.passkey_user,
    credential_id      bytea        not null unique check (length(credential_id) between 1 and 1023),
    label              varchar(40)  not null,
    public_key         bytea        not null,   -- COSE key
    signature_count    bigint       not null,
    uv_initialized     boolean      not null,
    backup_eligible    boolean      not null,   -- a synced passkey (amr swk), else bound to its device (amr hwk)
    backup_state       boolean      not null,
    transports         text[]       not null default '{}',
    attestation_object bytea        not null,
    client_data_json   bytea,
    created_at         timestamptz  not null default now(),
    last_used_at       timestamptz
);
create index passkey_account on eid.passkey (account_id);
