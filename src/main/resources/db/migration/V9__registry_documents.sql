-- The person's integrated documents: sector records (health insurance card, driving licence, ...)
-- pushed by the agency that owns them, kept with their source and validity (Decision 06, II.10).
create table registry.integrated_document (
    id          bigserial primary key,
    person_id   bigint      not null references registry.person (id),
    kind        varchar(30) not null,
    number      text        not null,
    source      text        not null,          -- the member (agency) that pushed it
    valid_from  date,
    valid_to    date,
    details     jsonb       not null default '{}',
    recorded_at timestamptz not null default now(),
    unique (person_id, kind, number),
    check (valid_to is null or valid_from is null or valid_to >= valid_from)
);
