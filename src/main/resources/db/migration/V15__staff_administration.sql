-- Staff administration (docs/staff-administration.md): one-time passwords that must be changed,
-- a security version that ends open sessions and tokens when an administrator changes an account,
-- the passwords a staff member chose before (no reuse), and the record of every change.
alter table identity.staff_account
    -- set with a one-time password (created or reset by an administrator): nothing but a change of password until then
    add column must_change_password boolean     not null default false,
    -- raised by every change that must end the account's open sessions and tokens (disable, role, jurisdiction, password)
    add column security_version     bigint      not null default 0,
    add column password_changed_at  timestamptz,
    -- username and display name without diacritics, lower case: what the administrators' search compares
    add column search_key           text;

-- The hashes of the passwords a staff member chose (not the one-time ones), newest first; the
-- platform keeps the last five and refuses a new password equal to any of them.
create table identity.staff_password_history (
    staff_id      bigint      not null references identity.staff_account (id),
    password_hash text        not null,
    set_at        timestamptz not null default now()
);
create index staff_password_history_staff on identity.staff_password_history (staff_id, set_at desc);

-- Every change made to a staff account: who, when, what before and after, and why. Append-only:
-- it belongs to dancu_audit after the settlement of V14 (platform.DatabaseProtections.APPEND_ONLY_TABLES).
create table identity.staff_change (
    id          bigserial   primary key,
    changed_at  timestamptz not null default now(),
    actor_id    bigint,      -- the administrator's account; null: the platform itself (demo data, create-admin)
    actor       text        not null,
    staff_id    bigint      not null references identity.staff_account (id),
    username    text        not null,
    change_type varchar(30) not null check (change_type in ('CREATED', 'UPDATED', 'DISABLED', 'ENABLED', 'PASSWORD_RESET',
        'PASSWORD_CHANGED', 'SECOND_FACTORS_RESET')),
    reason      text        not null check (length(reason) between 1 and 500),
    before      jsonb,
    after       jsonb
);
create index staff_change_staff on identity.staff_change (staff_id, id desc);

create function identity.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only (% refused)', tg_table_name, tg_op using errcode = '42501';
end $$;
create trigger staff_change_append_only before update or delete on identity.staff_change
    for each row execute function identity.refuse_change();
