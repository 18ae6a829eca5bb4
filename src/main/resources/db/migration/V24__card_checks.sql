-- Card checks (issue 15, vn.dancu.cards): the exchange product under which a member checks an
-- identity card's QR code against the registry (POST /api/v1/exchange/cards/qr-checks). Priced as
-- the verification it is (Circular 48/2022/TT-BTC): per field answered, VND 1,000 since 2024.
insert into exchange.product (code, version, name_vi, name_en, fields, fee_per_field, valid_from, valid_to) values
    ('card-check', 1, 'Kiểm tra thẻ căn cước (mã QR, chip)', 'Identity card check (QR code, chip)',
     array['personalId', 'legacyId', 'fullName', 'dateOfBirth', 'gender', 'permanentAddress', 'issueDate', 'alive', 'cardStatus'],
     1000, date '2024-01-01', null);

-- A platform started in demo mode before this version keeps its demo members (DemoData creates them
-- only once): the ministry's and the bank's policies in force gain the product as a new version, as
-- an administrator's change would, so the README's calls answer there too. Elsewhere no member has
-- these codes and nothing changes.
-- now() is the transaction's time: the rows closed here are those closed at now().
update exchange.policy p set valid_to = now()
    from exchange.member m
    where m.id = p.member_id and m.code in ('demo-ministry', 'demo-bank') and p.valid_to is null
      and not ('card-check' = any (p.products));
insert into exchange.policy (member_id, version, products, purposes, legal_basis, consent_required, daily_quota, name_matching,
                             created_by)
    select p.member_id, p.version + 1, p.products || 'card-check'::text, p.purposes, p.legal_basis, p.consent_required,
           p.daily_quota, p.name_matching, 'system.migration'
    from exchange.policy p join exchange.member m on m.id = p.member_id
    where m.code in ('demo-ministry', 'demo-bank') and p.valid_to = now() and not ('card-check' = any (p.products))
      and not exists (select 1 from exchange.policy q where q.member_id = p.member_id and q.valid_to is null);
