-- Chip data (issue 15, vn.dancu.cards, docs/chip.md): the trust store of passive authentication, the
-- demo CSCA's keys, the key that signs chip-check receipts, the record of every chip check, and the
-- exchange product under which members check chips.
create schema if not exists cards;

-- Country signing CAs (CSCA) an administrator trusts: the certificate as loaded, its subject and
-- validity for the pages; deactivated, never deleted, so that old receipts can be explained.
create table cards.csca (
    id             bigserial   primary key,
    fingerprint    char(64)    not null unique,   -- SHA-256 of the DER, hex
    certificate    bytea       not null,
    subject        text        not null,
    serial         text        not null,
    not_before     timestamptz not null,
    not_after      timestamptz not null,
    added_by       text        not null,
    added_at       timestamptz not null,
    active         boolean     not null default true,
    deactivated_by text,
    deactivated_at timestamptz,
    demo           boolean     not null default false   -- the demo CSCA: trusted in demo mode only
);

-- Revocation lists, each verified as signed by the CSCA it belongs to when it was loaded. The newest
-- (by this_update) of a CSCA is the one in force.
create table cards.crl (
    id          bigserial   primary key,
    csca_id     bigint      not null references cards.csca (id),
    crl         bytea       not null,
    fingerprint char(64)    not null unique,
    this_update timestamptz not null,
    next_update timestamptz not null,
    revoked     int         not null,
    added_by    text        not null,
    added_at    timestamptz not null
);
create index crl_csca on cards.crl (csca_id, this_update desc);

-- Every change to the trust store: who, when, what. Append-only (platform.DatabaseProtections).
create table cards.trust_change (
    id          bigserial   primary key,
    changed_at  timestamptz not null default now(),
    actor       text        not null,
    change_type varchar(30) not null check (change_type in ('CSCA_ADDED', 'CSCA_DEACTIVATED', 'CRL_ADDED')),
    csca_id     bigint      not null,
    subject     text        not null,
    detail      text        not null
);

create function cards.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only (% refused)', tg_table_name, tg_op using errcode = '42501';
end $$;
create trigger trust_change_append_only before update or delete on cards.trust_change
    for each row execute function cards.refuse_change();

-- The demo CSCA and its document signers (demo mode only), private keys sealed under the master key.
create table cards.demo_key (
    name        varchar(20) primary key check (name in ('CSCA', 'DSC', 'DSC_REVOKED')),
    private_key bytea       not null,
    certificate bytea       not null,
    created_at  timestamptz not null
);

-- The key that signs chip-check receipts (JWS, ES256), sealed; published at /api/v1/cards/receipt-keys.
create table cards.receipt_key (
    kid         text        primary key,
    public_jwk  text        not null,
    private_key bytea       not null,
    created_at  timestamptz not null default now()
);

-- Each chip check answered (append-only): who asked, the hashes of what was sent, the verdict and its codes. No
-- personal data beyond the number the chip states (null when passive authentication failed).
create table cards.chip_check (
    id           bigserial   primary key,
    checked_at   timestamptz not null,
    actor_type   varchar(10) not null check (actor_type in ('MEMBER', 'STAFF')),
    actor        text        not null,
    personal_id  char(12),
    verdict      varchar(12) not null check (verdict in ('AUTHENTIC', 'REFUSED')),
    codes        text[]      not null,
    sod_sha256   char(64)    not null,
    receipt_kid  text
);
create index chip_check_actor on cards.chip_check (actor, checked_at desc);
create trigger chip_check_append_only before update or delete on cards.chip_check
    for each row execute function cards.refuse_change();

-- Circular 48/2022/TT-BTC as card-check: VND 1,000 per item answered (passive authentication, each
-- DG13 field compared, alive, card status, face match, active authentication).
insert into exchange.product (code, version, name_vi, name_en, fields, fee_per_field, valid_from, valid_to) values
    ('chip-check', 1, 'Kiểm tra chip thẻ căn cước', 'Identity card chip check',
     array['passiveAuthentication', 'activeAuthentication', 'faceMatch', 'legacyId', 'fullName', 'dateOfBirth', 'gender',
           'nationality', 'ethnicity', 'religion', 'placeOfOrigin', 'permanentAddress', 'issueDate', 'expiryDate', 'fatherName',
           'motherName', 'spouseName', 'alive', 'cardStatus'],
     1000, date '2024-01-01', null);

-- A platform started in demo mode before this version keeps its demo members (DemoData creates them
-- only once): the bank's policy in force gains the product as a new version, as V24 did for
-- card-check, so that make-chip's images can be checked there too. Elsewhere nothing changes.
update exchange.policy p set valid_to = now()
    from exchange.member m
    where m.id = p.member_id and m.code = 'demo-bank' and p.valid_to is null and not ('chip-check' = any (p.products));
insert into exchange.policy (member_id, version, products, purposes, legal_basis, consent_required, daily_quota, name_matching,
                             created_by)
    select p.member_id, p.version + 1, p.products || 'chip-check'::text, p.purposes, p.legal_basis, p.consent_required,
           p.daily_quota, p.name_matching, 'system.migration'
    from exchange.policy p join exchange.member m on m.id = p.member_id
    where m.code = 'demo-bank' and p.valid_to = now() and not ('chip-check' = any (p.products))
      and not exists (select 1 from exchange.policy q where q.member_id = p.member_id and q.valid_to is null);
