-- The roles of dancu's database (docs/database.md). The embedded PostgreSQL runs this as its
-- superuser on every start; on an external PostgreSQL an operator runs it once, as a superuser,
-- on the platform's database (psql -d dancu -f roles.sql), then gives dancu a password
-- (\password dancu). Running it again changes nothing.
--
--   dancu        the platform's runtime role: logs in, owns the platform's ordinary tables and the
--                schemas without append-only tables, may read and add rows to the append-only
--                ones and create tables beside them, nothing more.
--   dancu_audit  no one logs in as it: it owns the append-only tables (the migrations hand them
--                over, with their schemas), so that dancu can neither change nor delete their rows, nor
--                drop the tables or disable their triggers.
set search_path = pg_catalog;   -- dancu owns public: nothing of its making may stand in for a function here

do $roles$
begin
    if not exists (select from pg_catalog.pg_roles where rolname = 'dancu') then
        create role dancu login;
    end if;
    if not exists (select from pg_catalog.pg_roles where rolname = 'dancu_audit') then
        create role dancu_audit nologin;
    end if;
end $roles$;

alter role dancu login nosuperuser nocreatedb nocreaterole noreplication nobypassrls;
alter role dancu_audit nologin nosuperuser nocreatedb nocreaterole noreplication nobypassrls;

do $grants$
declare
    membership record;
    parameter  text;
begin
    -- dancu is a member of no role: not of dancu_audit, nor of pg_read_server_files,
    -- pg_write_server_files or pg_execute_server_program (files of the server, the master key among them)
    for membership in
        select a.roleid::regrole as role, a.grantor::regrole as grantor
        from pg_catalog.pg_auth_members a where a.member = 'dancu'::regrole
    loop
        execute format('revoke %s from dancu granted by %s', membership.role, membership.grantor);
    end loop;
    -- may set no server parameter a superuser could (session_replication_role would silence triggers)
    for parameter in select p.parname from pg_catalog.pg_parameter_acl p
                     where p.paracl::text ~ '(^|[{,])dancu=' loop
        execute format('revoke all on parameter %s from dancu', parameter);
    end loop;
    -- the migrations, run as dancu, create the platform's schemas; dancu_audit takes over some (V14)
    execute format('grant connect, temporary, create on database %I to dancu', current_database());
    execute format('grant create on database %I to dancu_audit', current_database());
end $grants$;

-- Flyway's history, the authorization server's tables and the benchmarks' scratch tables live in public
alter schema public owner to dancu;
