-- The access log made tamper-evident. Each row carries a MAC made by the platform when it is written
-- (an edited or forged row no longer matches); a sealer then links the rows into a hash chain in the
-- order it meets them (a deleted row breaks the chain); the chain's head is signed periodically
-- (a rewritten chain no longer matches a signature). `./dancu audit verify` checks all three.
alter table audit.access_log add column nonce bigint;          -- random, in the MAC: a copied row is a duplicate
alter table audit.access_log add column mac bytea;             -- HMAC-SHA-256 of the row under the audit key
alter table audit.access_log add column purpose_code varchar(40);
alter table audit.access_log add column hidden_until date;     -- law-enforcement reads are shown to the person from this day

-- Inspection searches by period: a BRIN index costs almost nothing on an append-only, time-ordered table.
create index access_log_time on audit.access_log using brin (accessed_at);

-- Reads refused for being outside the reader's jurisdiction: nothing was read, but inspectors look at who tried.
create table audit.refused_access (
    id                  bigserial primary key,
    attempted_at        timestamptz not null default now(),
    actor               text        not null,
    subject_personal_id varchar(12) not null,
    reason              varchar(40) not null,
    purpose             text
);
create index refused_access_time on audit.refused_access (attempted_at);

-- The chain, one link per sealing round: the rows it sealed, in order, and the hash that ties them to the link before.
create table audit.access_log_seal (
    position   bigint primary key,
    first_id   bigint      not null,
    last_id    bigint      not null,
    log_ids    bigint[]    not null,
    chain_hash bytea       not null,                           -- SHA-256(previous chain_hash || for each row: id || mac)
    sealed_at  timestamptz not null default now()
);
create index access_log_seal_last on audit.access_log_seal (last_id);

create table audit.checkpoint (
    position   bigint primary key,                             -- the seal position whose chain_hash is signed
    chain_hash bytea       not null,
    signed_at  timestamptz not null,
    signature  bytea       not null                            -- Ed25519 over "position|hex(chain_hash)|signed_at"
);

-- The audit keys: the MAC key and the checkpoint signing key, sealed with the master key.
create table audit.key (
    name   varchar(20) primary key,
    public bytea,
    sealed bytea not null
);

-- Purposes with a legal meaning. Law-enforcement reads are hidden from the person for a while.
create table audit.purpose_code (
    code            varchar(40) primary key,
    name_vi         text     not null,
    name_en         text     not null,
    law_enforcement boolean  not null,
    hidden_for      interval
);
insert into audit.purpose_code values
    ('ADMINISTRATIVE_PROCEDURE', 'Giải quyết thủ tục hành chính', 'Handling an administrative procedure', false, null),
    ('RESIDENCE_MANAGEMENT', 'Quản lý cư trú', 'Residence management', false, null),
    ('CIVIL_STATUS', 'Đăng ký, quản lý hộ tịch', 'Civil status registration', false, null),
    ('SOCIAL_INSURANCE', 'Bảo hiểm xã hội, bảo hiểm y tế', 'Social and health insurance', false, null),
    ('TAX', 'Quản lý thuế', 'Tax administration', false, null),
    ('BANKING_KYC', 'Nhận biết khách hàng (ngân hàng)', 'Know your customer (banking)', false, null),
    ('TELECOM_KYC', 'Xác thực thuê bao di động', 'Mobile subscriber verification', false, null),
    ('CRIMINAL_INVESTIGATION', 'Điều tra hình sự', 'Criminal investigation', true, interval '1 year'),
    ('NATIONAL_SECURITY', 'Bảo vệ an ninh quốc gia', 'National security', true, interval '2 years'),
    ('JUDICIAL_PROCEEDINGS', 'Tố tụng tại Tòa án', 'Court proceedings', true, interval '6 months');

create trigger access_log_seal_append_only before update or delete on audit.access_log_seal
    for each row execute function audit.refuse_change();
create trigger checkpoint_append_only before update or delete on audit.checkpoint
    for each row execute function audit.refuse_change();

create or replace function audit.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '%.% is append-only (% refused)', tg_table_schema, tg_table_name, tg_op using errcode = '42501';
end $$;
