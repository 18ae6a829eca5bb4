-- The partitions of the append-only tables, after V14's settlement of the tables themselves (AppendOnlySettlement runs
-- both after every migrate): each belongs to dancu_audit, grants the runtime role only select and insert, and has its
-- own truncate guard (a parent's statement trigger does not fire for TRUNCATE of one partition).
reset role;

do $partitions$
declare
    runtime    name;
    table_name text;
    part       regclass;
begin
    perform pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    runtime := coalesce(nullif('${runtimeRole}', ''), session_user);
    if not exists (select from pg_roles where rolname = 'dancu_audit') then
        return;
    end if;
    foreach table_name in array string_to_array('${appendOnlyTables}', ',') loop
        continue when to_regclass(table_name) is null;
        for part in select i.inhrelid::regclass from pg_inherits i where i.inhparent = to_regclass(table_name) loop
            begin
                if (select relowner from pg_class where oid = part) <> 'dancu_audit'::regrole then
                    execute format('alter table %s owner to dancu_audit', part);
                end if;
                if not exists (select from pg_trigger g where g.tgrelid = part and not g.tgisinternal and g.tgenabled <> 'D'
                               and g.tgtype & 32 <> 0 and g.tgfoid = 'audit.refuse_change()'::regprocedure) then
                    execute format('create trigger %I before truncate on %s for each statement execute function audit.refuse_change()',
                                   (select relname from pg_class where oid = part) || '_no_truncate', part);
                end if;
                execute format('revoke all on table %s from public, %I', part, runtime);
                execute format('grant select, insert on table %s to %I', part, runtime);
            exception when insufficient_privilege then
                raise warning '% cannot hand the partition % to dancu_audit (docs/database.md)', current_user, part;
            end;
        end loop;
    end loop;
end $partitions$;

do $back$
begin
    perform pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    if '${runtimeRole}' <> '' and '${runtimeRole}' <> session_user then
        execute format('set role %I', '${runtimeRole}');
    end if;
end $back$;
