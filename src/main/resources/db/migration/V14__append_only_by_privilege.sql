-- Append-only by privilege, not by triggers alone (docs/database.md). The append-only tables, their
-- schemas and their trigger functions belong to dancu_audit, a role no one logs in as: the platform's
-- role may read the tables and add rows, and create its own tables in those schemas, but may not
-- update, delete, truncate or drop the append-only ones, nor take their triggers off or grant itself
-- more (only an owner may: and the owner of a schema may drop whatever is in it).
-- The list is the platform's (vn.dancu.platform.DatabaseProtections.APPEND_ONLY_TABLES). This runs as the
-- migration role, and again after every migrate (AppendOnlySettlement), so that a table added to the
-- list, or a privilege granted by hand since, is settled. A role that cannot hand a table over (an
-- external database migrated by the runtime role itself) leaves it as it is, with a warning; the
-- platform's start-up check says so too. Later migrations that alter one of these tables, or create
-- a function in these schemas under an existing name, do it as the migration role: reset role
-- first, then back to the runtime role as at the end of this file.
reset role;

do $settle$
declare
    runtime    name;
    table_name text;
    t          regclass;
    schema     name;
    routine    regprocedure;
    seq        regclass;
    kept       text[] := '{}';
begin
    -- the runtime role owns public: nothing of its making may stand in for a function or operator here
    perform pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    runtime := coalesce(nullif('${runtimeRole}', ''), session_user);
    if not exists (select from pg_roles where rolname = 'dancu_audit') then
        raise warning 'role dancu_audit does not exist (db/roles.sql): the append-only tables are protected by triggers only';
        return;
    end if;
    foreach table_name in array string_to_array('${appendOnlyTables}', ',') loop
        t := to_regclass(table_name);
        continue when t is null;
        begin
            select n.nspname into schema from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = t;
            if (select nspowner from pg_namespace where nspname = schema) <> 'dancu_audit'::regrole then
                execute format('alter schema %I owner to dancu_audit', schema);
            end if;
            execute format('grant usage, create on schema %I to %I', schema, runtime);
            if (select relowner from pg_class where oid = t) <> 'dancu_audit'::regrole then
                execute format('alter table %s owner to dancu_audit', t);
            end if;
            -- whoever owns a trigger's function may drop the trigger with it (cascade)
            for routine in
                select distinct g.tgfoid::regprocedure from pg_trigger g join pg_proc p on p.oid = g.tgfoid
                where g.tgrelid = t and not g.tgisinternal and p.proowner <> 'dancu_audit'::regrole
            loop
                execute format('alter function %s owner to dancu_audit', routine);
            end loop;
            execute format('revoke all on table %s from public, %I', t, runtime);
            execute format('grant select, insert on table %s to %I', t, runtime);
            -- the sequences of serial and identity columns follow their table's owner
            for seq in
                select d.objid::regclass from pg_depend d join pg_class s on s.oid = d.objid
                where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
                  and d.refobjid = t and s.relkind = 'S'
            loop
                execute format('revoke all on sequence %s from public, %I', seq, runtime);
                execute format('grant usage, select on sequence %s to %I', seq, runtime);
            end loop;
        exception when insufficient_privilege then
            kept := kept || t::text;
        end;
    end loop;
    if cardinality(kept) > 0 then
        raise warning '% cannot hand these append-only tables to dancu_audit, they stay with their owner: % (docs/database.md)',
            current_user, array_to_string(kept, ', ');
    end if;
end $settle$;

-- Back to the runtime role, so that what later migrations create belongs to it.
do $back$
begin
    perform pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    if '${runtimeRole}' <> '' and '${runtimeRole}' <> session_user then
        execute format('set role %I', '${runtimeRole}');
    end if;
end $back$;
