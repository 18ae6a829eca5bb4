-- Data exchange: members (agencies and businesses), products and policies as versioned data,
-- consents, metering, change events with their deliveries, and reconciliation jobs.
create schema exchange;

create table exchange.member (
    id             bigserial primary key,
    code           varchar(40) not null unique check (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    name           text        not null,
    kind           varchar(10) not null check (kind in ('AGENCY', 'BUSINESS')),
    sector         varchar(20) not null,
    state          varchar(10) not null default 'ACTIVE' check (state in ('ACTIVE', 'SUSPENDED')),
    document_kinds text[]      not null default '{}',  -- the sector records it owns and may push into the registry
    created_at     timestamptz not null default now(),
    version        int         not null default 0
);

-- The identity provider's API clients through which a member calls.
create table exchange.member_client (
    client_id  varchar(100) primary key,
    member_id  bigint       not null references exchange.member (id),
    created_at timestamptz  not null default now()
);
create index member_client_member on exchange.member_client (member_id);

-- A product is a named set of fields with a fee per field returned; a new fee is a new version.
create table exchange.product (
    code          varchar(40) not null,
    version       int         not null,
    name_vi       text        not null,
    name_en       text        not null,
    fields        text[]      not null,
    fee_per_field int         not null check (fee_per_field >= 0),   -- VND
    valid_from    date        not null,
    valid_to      date,
    primary key (code, version),
    check (valid_to is null or valid_to >= valid_from)
);

-- Circular 48/2022/TT-BTC: VND 500 per field until 31 Dec 2023, VND 1,000 from 2024.
insert into exchange.product
select code, v.version, name_vi, name_en, fields, v.fee, v.valid_from, v.valid_to
from (values
    ('verification', 'Xác thực thông tin công dân', 'Verification of a citizen''s details',
        array['personalId', 'fullName', 'dateOfBirth', 'gender', 'address', 'cardNumber', 'alive', 'cardValid']),
    ('identity-basic', 'Thông tin nhân thân cơ bản', 'Basic identity',
        array['personalId', 'fullName', 'otherNames', 'gender', 'dateOfBirth', 'placeOfBirth', 'placeOfOrigin',
              'ethnicity', 'religion', 'nationality']),
    ('residence', 'Thông tin cư trú', 'Residence', array['currentResidence', 'residences']),
    ('household', 'Thông tin hộ gia đình', 'Household', array['household', 'relationshipToHead']),
    ('civil-status', 'Thông tin hộ tịch', 'Civil status',
        array['maritalStatus', 'status', 'dateOfDeath', 'placeOfDeath', 'dateMissing', 'parents', 'spouse']),
    ('cards', 'Thẻ căn cước và số CMND cũ', 'Identity cards and old numbers', array['cards', 'legacyIds']),
    ('documents', 'Giấy tờ tích hợp', 'Integrated documents', array['documents'])
) as p(code, name_vi, name_en, fields)
cross join (values (1, 500, date '2022-07-01', date '2023-12-31'), (2, 1000, date '2024-01-01', null::date))
    as v(version, fee, valid_from, valid_to);

-- A policy binds a member to products and purposes; a change is a new version, the old one closes.
create table exchange.policy (
    id               bigserial primary key,
    member_id        bigint       not null references exchange.member (id),
    version          int          not null,
    products         text[]       not null,
    purposes         text[]       not null,
    legal_basis      text         not null,
    consent_required boolean      not null,
    daily_quota      int          not null check (daily_quota > 0),
    name_matching    varchar(20)  not null check (name_matching in ('EXACT', 'CASE_AND_SPACING', 'DIACRITICS')),
    created_by       text         not null,
    valid_from       timestamptz  not null default now(),
    valid_to         timestamptz,
    unique (member_id, version)
);
create unique index policy_in_force on exchange.policy (member_id) where valid_to is null;

-- A citizen's consent to a business: named products, for a purpose, for a period. The statement
-- the citizen saw is kept word for word with its digest, so the consent can be reproduced.
create table exchange.consent (
    id               bigserial primary key,
    personal_id      varchar(12)  not null,
    member_id        bigint       not null references exchange.member (id),
    products         text[]       not null,
    purpose_code     varchar(40)  not null,
    granted_at       timestamptz  not null,
    valid_until      timestamptz  not null,
    channel          varchar(10)  not null check (channel in ('WEB', 'OIDC')),
    statement        text         not null,
    statement_sha256 bytea        not null,
    revoked_at       timestamptz,
    check (valid_until > granted_at)
);
create index consent_person on exchange.consent (personal_id, member_id);

-- Metering: one row per answer (or per reconciliation chunk), priced with the fee in force that day.
create table exchange.usage (
    id           bigserial primary key,
    member_id    bigint      not null references exchange.member (id),
    at           timestamptz not null,
    day          date        not null,
    operation    varchar(20) not null,
    product      varchar(40) not null,
    calls        int         not null,
    fields       int         not null,
    fee_vnd      bigint      not null,
    purpose_code varchar(40),
    case_ref     text
);
create index usage_member_day on exchange.usage (member_id, day);

-- The outbox: written in the registry's transaction; a sequencer gives committed events their
-- position, so that a reader's cursor never skips an event that committed late.
create table exchange.event (
    id           bigserial primary key,
    position     bigint unique,
    type         varchar(40) not null,
    personal_id  varchar(12) not null,
    household_id bigint,
    occurred_at  timestamptz not null
);
create index event_unsequenced on exchange.event (id) where position is null;

create table exchange.webhook (
    id          bigserial primary key,
    member_id   bigint      not null references exchange.member (id),
    url         text        not null,
    event_types text[]      not null,
    purpose_code varchar(40) not null,
    active      boolean     not null default true,
    created_at  timestamptz not null default now()
);

create table exchange.delivery (
    id              bigserial primary key,
    webhook_id      bigint      not null references exchange.webhook (id),
    event_id        bigint      not null references exchange.event (id),
    state           varchar(10) not null default 'PENDING' check (state in ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    delivered_at    timestamptz,
    unique (webhook_id, event_id)
);
create index delivery_due on exchange.delivery (next_attempt_at) where state = 'PENDING';

-- The sequencer's progress: the last event position handed to webhooks.
create table exchange.fanout (
    id       int primary key check (id = 1),
    position bigint not null
);
insert into exchange.fanout values (1, 0);

create table exchange.signing_key (
    kid         text        primary key,
    public_jwk  text        not null,
    private_key bytea       not null,   -- sealed under the master key
    created_at  timestamptz not null default now()
);

create table exchange.reconciliation (
    id           bigserial primary key,
    member_id    bigint      not null references exchange.member (id),
    format       varchar(5)  not null check (format in ('CSV', 'JSONL')),
    purpose_code varchar(40) not null,
    case_ref     text,
    state        varchar(10) not null check (state in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    file         text        not null,
    error        text,
    created_at   timestamptz not null default now(),
    started_at   timestamptz,
    finished_at  timestamptz
);

-- One row per chunk of records, written with the chunk's results: chunks commit in parallel and
-- out of order, so progress is what is here, and a resumed job skips the chunks found here.
create table exchange.reconciliation_chunk (
    job_id      bigint not null references exchange.reconciliation (id),
    chunk_no    int    not null,
    records     int    not null,
    matched     int    not null,
    different   int    not null,
    not_found   int    not null,
    deceased    int    not null,
    superseded  int    not null,
    invalid     int    not null,
    primary key (job_id, chunk_no)
);

create table exchange.reconciliation_result (
    job_id       bigint      not null references exchange.reconciliation (id),
    line_no      bigint      not null,
    record_ref   text,
    outcome      varchar(12) not null,
    personal_id  varchar(12),
    differences  jsonb,
    error        text,
    primary key (job_id, line_no)
);
