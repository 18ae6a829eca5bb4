-- Every read of a person's data, by anyone. Append-only: the table refuses updates and deletes.
create schema audit;

create table audit.access_log (
    id                  bigserial primary key,
    accessed_at         timestamptz not null default now(),
    actor_type          varchar(10) not null check (actor_type in ('STAFF', 'MEMBER', 'SELF', 'SYSTEM')),
    actor               text        not null,
    subject_personal_id varchar(12) not null,
    fields              text[]      not null,
    purpose             text        not null,
    channel             varchar(10) not null check (channel in ('API', 'WEB', 'BATCH')),
    case_ref            text
);
create index access_log_subject on audit.access_log (subject_personal_id, accessed_at desc);
create index access_log_actor on audit.access_log (actor, accessed_at desc);

create function audit.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit.access_log is append-only (% refused)', tg_op using errcode = '42501';
end $$;
create trigger access_log_append_only before update or delete on audit.access_log
    for each row execute function audit.refuse_change();
create trigger access_log_no_truncate before truncate on audit.access_log
    for each statement execute function audit.refuse_change();
