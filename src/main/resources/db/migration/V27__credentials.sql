-- Credentials that verify offline (docs/credentials.md): SD-JWT VCs issued from wallet items, their
-- status in Token Status Lists, the issuer's ES256 keys, and OID4VCI's pre-authorized codes. No table
-- keeps an issued credential itself: the citizen holds it; the platform keeps what it needs to revoke it.
create schema credentials;

-- The issuer's signing keys, private parts sealed by the master key (platform.SecretBox) as eid.signing_key.
create table credentials.issuer_key (
    kid         text        primary key,
    public_jwk  text        not null,
    private_key bytea       not null,
    created_at  timestamptz not null
);

-- One Token Status List each; indexes are drawn at random, and a list takes new credentials until half full.
create table credentials.status_list (
    id          integer     primary key,
    bits        smallint    not null check (bits in (1, 2)),
    size        integer     not null check (size > 0 and size % 8 = 0),
    allocated   integer     not null default 0,
    changed_at  timestamptz not null
);

-- Each issuance: who, which wallet item, where its status bit is, and the holder key it is bound to.
create table credentials.credential (
    id                    uuid        primary key,
    personal_id           varchar(12) not null,
    item_id               text        not null,
    vct                   text        not null,
    list_id               integer     not null references credentials.status_list,
    status_index          integer     not null,
    holder_key_thumbprint text,
    channel               text        not null check (channel in ('WALLET', 'OID4VCI')),
    issued_at             timestamptz not null,
    expires_at            timestamptz not null,
    revoked_at            timestamptz,
    revocation_reason     text,
    unique (list_id, status_index)
);
create index credential_person on credentials.credential (personal_id) where revoked_at is null;

-- OID4VCI pre-authorized codes: kept as hashes, single use, short-lived; the access token they buy likewise.
create table credentials.pre_authorized_code (
    code_hash          text        primary key,
    personal_id        varchar(12) not null,
    item_id            text        not null,
    configuration_id   text        not null,
    tx_code_hash       text        not null,
    failed_tx_codes    integer     not null default 0,
    expires_at         timestamptz not null,
    redeemed_at        timestamptz,
    access_token_hash  text        unique,
    access_expires_at  timestamptz,
    credential_id      uuid        references credentials.credential
);

-- c_nonce values of the nonce endpoint, each good for one proof.
create table credentials.proof_nonce (
    nonce_hash  text        primary key,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
