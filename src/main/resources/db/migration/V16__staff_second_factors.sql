-- Staff second factors (docs/staff-login.md): an authenticator app (TOTP) and passkeys (WebAuthn),
-- and the append-only record of every enrolment, removal and reset by an administrator.

-- One authenticator app per account. secret: sealed by the master key (platform.SecretBox); pending:
-- a new secret shown but not yet confirmed with a code (first enrolment or replacement);
-- last_step: the 30-second step of the last code accepted, so that a code works once.
create table identity.staff_totp (
    staff_id     bigint primary key references identity.staff_account (id),
    secret       bytea,
    pending      bytea,
    confirmed_at timestamptz,
    last_step    bigint,
    check (secret is null or confirmed_at is not null)
);

-- The WebAuthn user handle of an account: random bytes, never the username (authenticators keep it).
create table identity.staff_passkey_user (
    staff_id    bigint primary key references identity.staff_account (id),
    user_handle bytea not null unique
);

-- Passkeys as Spring Security's CredentialRecord holds them.
create table identity.staff_passkey (
    credential_id      bytea primary key,
    staff_id           bigint      not null references identity.staff_account (id),
    label              text        not null check (length(label) between 1 and 64),
    credential_type    text        not null,
    public_key         bytea       not null,
    signature_count    bigint      not null,
    uv_initialized     boolean     not null,
    backup_eligible    boolean     not null,
    backup_state       boolean     not null,
    transports         text        not null,
    attestation_object bytea       not null,
    client_data_json   bytea       not null,
    created_at         timestamptz not null default now(),
    last_used_at       timestamptz
);
create index staff_passkey_staff on identity.staff_passkey (staff_id);

-- Who enrolled, removed or reset a factor, when and why. Append-only (V14 gives it to dancu_audit).
create table identity.staff_factor_event (
    id          bigserial primary key,
    staff_id    bigint      not null references identity.staff_account (id),
    event       varchar(20) not null check (event in ('TOTP_ENROLLED', 'TOTP_REPLACED', 'TOTP_REMOVED',
                                                      'PASSKEY_ADDED', 'PASSKEY_REMOVED', 'RESET')),
    actor_id    bigint      not null references identity.staff_account (id),
    occurred_at timestamptz not null default now(),
    reason      text check (length(reason) <= 500),
    detail      text check (length(detail) <= 200),
    check (event <> 'RESET' or reason is not null)
);
create index staff_factor_event_staff on identity.staff_factor_event (staff_id, occurred_at);

create function identity.refuse_factor_event_change() returns trigger language plpgsql as $$
begin
    raise exception 'identity.staff_factor_event is append-only (% refused)', tg_op using errcode = '42501';
end $$;
create trigger staff_factor_event_append_only before update or delete on identity.staff_factor_event
    for each row execute function identity.refuse_factor_event_change();
create trigger staff_factor_event_no_truncate before truncate on identity.staff_factor_event
    for each statement execute function identity.refuse_factor_event_change();
