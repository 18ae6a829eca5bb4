-- The daily quota of a verify batch, taken in the batch's transaction before anything is read or logged
-- (exchange.VerificationBatcher): one turn on each member's row of the day per batch instead of one durable
-- commit per call. Members are taken in ascending id order, the one lock order of every writer on every node,
-- so two batches never wait on each other in a circle. A batch that fails rolls its count back with it.
create function exchange.take_quota(on_day date, members bigint[], wanted int[], quotas bigint[])
    returns table (member bigint, granted int) language plpgsql as $$
#variable_conflict use_column
declare
    asked record;
    used bigint;
begin
    for asked in select m, w, q from unnest(members, wanted, quotas) as a(m, w, q) order by m loop
        insert into exchange.quota_day as d (member_id, day, calls) values (asked.m, on_day, 0)
            on conflict (member_id, day) do nothing;
        select d.calls into used from exchange.quota_day d where d.member_id = asked.m and d.day = on_day for update;
        member := asked.m;
        granted := greatest(0, least(asked.w::bigint, asked.q - used));
        if granted > 0 then
            update exchange.quota_day d set calls = d.calls + granted where d.member_id = asked.m and d.day = on_day;
        end if;
        return next;
    end loop;
end $$;
