-- client_credentials tokens are no longer stored (eid.ClientTokens): a token is its signed JWT, and what the
-- provider must remember of it is only that it was revoked. The deny-list is append-only like the access log
-- (owner dancu_audit; the runtime role may read and add rows), so an insider holding the platform's account can
-- revoke but never un-revoke; rows go only through eid.prune_revoked_access_tokens, an hour after the token expired.
reset role;

create table eid.revoked_access_token (
    jti        text        primary key,
    client_id  text        not null,
    expires_at timestamptz not null,
    revoked_at timestamptz not null default now()
);
create index revoked_access_token_expires on eid.revoked_access_token (expires_at);

-- Rows are never changed; deleted only once the token has been dead an hour (nothing can present it then).
create function eid.refuse_revoked_token_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and old.expires_at < now() - interval '1 hour' then
        return old;
    end if;
    raise exception 'eid.revoked_access_token is append-only (% refused)', tg_op using errcode = '42501';
end $$;
create trigger revoked_access_token_append_only before update or delete on eid.revoked_access_token
    for each row execute function eid.refuse_revoked_token_change();
create trigger revoked_access_token_no_truncate before truncate on eid.revoked_access_token
    for each statement execute function eid.refuse_revoked_token_change();

-- Every node drops its verdicts on the client's tokens (exchange.CallerTokens) when the revocation commits,
-- through the cache bus as V29's trigger did for stored tokens; an operator's SQL revocation reaches them too.
create function eid.announce_revoked_access_token() returns trigger language plpgsql as $$
begin
    perform pg_notify('dancu_cache', 'exchange.caller-tokens:db:' || new.client_id);
    return null;
end $$;
create trigger announce_revoked_access_token after insert on eid.revoked_access_token
    for each row execute function eid.announce_revoked_access_token();

-- The expired-authorizations job (eid.ExpiredAuthorizations, one node) calls this; the runtime role can do nothing else.
create function eid.prune_revoked_access_tokens() returns int
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
declare
    pruned int;
begin
    delete from eid.revoked_access_token where expires_at < now() - interval '1 hour';
    get diagnostics pruned = row_count;
    return pruned;
end $$;
revoke all on function eid.prune_revoked_access_tokens() from public;

-- A client's tokens issued before this instant are dead: set at suspension, so that reactivating the client
-- does not bring its old tokens back.
alter table eid.relying_party add column tokens_not_before timestamptz;

-- The table and its functions to dancu_audit (AppendOnlySettlement settles the rest after this migrate); the
-- runtime role reads, adds rows and prunes.
do $owners$
declare
    runtime name := coalesce(nullif('${runtimeRole}', ''), session_user);
begin
    perform pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    if exists (select from pg_roles where rolname = 'dancu_audit') then
        begin
            alter table eid.revoked_access_token owner to dancu_audit;
            alter function eid.prune_revoked_access_tokens() owner to dancu_audit;
            alter function eid.refuse_revoked_token_change() owner to dancu_audit;
            alter function eid.announce_revoked_access_token() owner to dancu_audit;
        exception when insufficient_privilege then
            raise warning '% cannot hand eid.revoked_access_token to dancu_audit (docs/database.md)', current_user;
        end;
    end if;
    execute format('grant select, insert on eid.revoked_access_token to %I', runtime);
    execute format('grant execute on function eid.prune_revoked_access_tokens() to %I', runtime);
end $owners$;

-- Stored client_credentials tokens of the version before: a revoked one still alive goes on the deny-list; a
-- client changed within a token's lifetime (perhaps suspended and reactivated, its rows deleted) loses the
-- tokens it holds and asks for new ones.
insert into eid.revoked_access_token (jti, client_id, expires_at)
select substring(access_token_metadata from '"jti"\s*:\s*"([^"]+)"'), principal_name, access_token_expires_at
from public.oauth2_authorization
where authorization_grant_type = 'client_credentials' and access_token_expires_at > now()
  and access_token_metadata ~ '"metadata\.token\.invalidated"\s*:\s*true'
  and substring(access_token_metadata from '"jti"\s*:\s*"([^"]+)"') is not null
on conflict (jti) do nothing;
update eid.relying_party set tokens_not_before = now() where kind = 'API_CLIENT' and updated_at > now() - interval '5 minutes';

do $back$
begin
    perform pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    if '${runtimeRole}' <> '' and '${runtimeRole}' <> session_user then
        execute format('set role %I', '${runtimeRole}');
    end if;
end $back$;
