-- Applications for the procedures of Appendix I, their legs (one per agency that acts), what
-- was attached, every step, the citizen's notifications, the signed results, and the calendar
-- that deadlines are counted in. The BPMN engine keeps its own tables in the schema "flowable",
-- which it creates and updates itself (Flyway owns every other schema).
create schema flowable;

-- Days that change the working week: public holidays that fall on a weekday (and the weekdays
-- given in exchange for one that falls on a weekend), and the Saturdays worked in exchange for a
-- bridged day. The government fixes the lunar new-year (Tết) days each year: operators add them here.
create table procedures.calendar_day (
    day      date        primary key,
    kind     varchar(12) not null check (kind in ('HOLIDAY', 'WORKING_DAY')),
    name_vi  text        not null,
    name_en  text        not null
);

insert into procedures.calendar_day values
    ('2025-01-01', 'HOLIDAY', 'Tết Dương lịch', 'New Year''s Day'),
    ('2025-01-27', 'HOLIDAY', 'Tết Nguyên đán (bù)', 'Lunar New Year (in lieu)'),
    ('2025-01-28', 'HOLIDAY', 'Tết Nguyên đán', 'Lunar New Year'),
    ('2025-01-29', 'HOLIDAY', 'Tết Nguyên đán', 'Lunar New Year'),
    ('2025-01-30', 'HOLIDAY', 'Tết Nguyên đán', 'Lunar New Year'),
    ('2025-01-31', 'HOLIDAY', 'Tết Nguyên đán', 'Lunar New Year'),
    ('2025-04-07', 'HOLIDAY', 'Giỗ Tổ Hùng Vương', 'Hung Kings Commemoration Day'),
    ('2025-04-26', 'WORKING_DAY', 'Làm bù cho ngày 02/5', 'Worked in exchange for 2 May'),
    ('2025-04-30', 'HOLIDAY', 'Ngày Giải phóng miền Nam', 'Reunification Day'),
    ('2025-05-01', 'HOLIDAY', 'Ngày Quốc tế Lao động', 'International Labour Day'),
    ('2025-05-02', 'HOLIDAY', 'Nghỉ hoán đổi', 'Bridged day'),
    ('2025-09-01', 'HOLIDAY', 'Quốc khánh', 'National Day'),
    ('2025-09-02', 'HOLIDAY', 'Quốc khánh', 'National Day'),
    ('2026-01-01', 'HOLIDAY', 'Tết Dương lịch', 'New Year''s Day'),
    ('2026-02-16', 'HOLIDAY', 'Tết Nguyên đán', 'Lunar New Year'),
    ('2026-02-17', 'HOLIDAY', 'Tết Nguyên đán', 'Lunar New Year'),
    ('2026-02-18', 'HOLIDAY', 'Tết Nguyên đán', 'Lunar New Year'),
    ('2026-02-19', 'HOLIDAY', 'Tết Nguyên đán', 'Lunar New Year'),
    ('2026-02-20', 'HOLIDAY', 'Tết Nguyên đán', 'Lunar New Year'),
    ('2026-04-27', 'HOLIDAY', 'Giỗ Tổ Hùng Vương (bù)', 'Hung Kings Commemoration Day (in lieu)'),
    ('2026-04-30', 'HOLIDAY', 'Ngày Giải phóng miền Nam', 'Reunification Day'),
    ('2026-05-01', 'HOLIDAY', 'Ngày Quốc tế Lao động', 'International Labour Day'),
    ('2026-09-01', 'HOLIDAY', 'Quốc khánh', 'National Day'),
    ('2026-09-02', 'HOLIDAY', 'Quốc khánh', 'National Day'),
    ('2027-01-01', 'HOLIDAY', 'Tết Dương lịch', 'New Year''s Day'),
    ('2027-02-05', 'HOLIDAY', 'Tết Nguyên đán', 'Lunar New Year'),
    ('2027-02-08', 'HOLIDAY', 'Tết Nguyên đán', 'Lunar New Year'),
    ('2027-02-09', 'HOLIDAY', 'Tết Nguyên đán', 'Lunar New Year'),
    ('2027-02-10', 'HOLIDAY', 'Tết Nguyên đán (bù)', 'Lunar New Year (in lieu)'),
    ('2027-02-11', 'HOLIDAY', 'Tết Nguyên đán (bù)', 'Lunar New Year (in lieu)'),
    ('2027-04-16', 'HOLIDAY', 'Giỗ Tổ Hùng Vương', 'Hung Kings Commemoration Day'),
    ('2027-04-30', 'HOLIDAY', 'Ngày Giải phóng miền Nam', 'Reunification Day'),
    ('2027-05-03', 'HOLIDAY', 'Ngày Quốc tế Lao động (bù)', 'International Labour Day (in lieu)'),
    ('2027-09-02', 'HOLIDAY', 'Quốc khánh', 'National Day'),
    ('2027-09-03', 'HOLIDAY', 'Quốc khánh', 'National Day');

create sequence procedures.application_code;

create table procedures.application (
    id                   bigint      generated always as identity primary key,
    code                 varchar(24) not null unique,        -- the receipt number the citizen quotes
    appendix_no          int         not null references procedures.procedure,
    applicant_personal_id char(12)   not null,
    subject_personal_id  char(12),                           -- whom it is about: the child (once numbered), the deceased, the guest
    channel              varchar(8)  not null check (channel in ('ONLINE', 'COUNTER')),
    submitted_by         text        not null,               -- 'citizen' or the officer's username
    status               varchar(20) not null check (status in ('IN_PROGRESS', 'COMPLETED', 'PARTLY_COMPLETED', 'REJECTED')),
    form                 jsonb       not null,               -- the values as lodged, the prefilled ones included
    prefilled            text[]      not null,               -- the fields the registry filled (once-only)
    unit_id              bigint      not null,               -- the commune of its first leg
    received_at          timestamptz not null,
    due_at               timestamptz not null,
    completed_at         timestamptz,
    process_instance_id  varchar(64)
);
create index application_applicant on procedures.application (applicant_personal_id, received_at desc);
create index application_subject on procedures.application (subject_personal_id) where subject_personal_id is not null;

-- One leg per agency that acts. A procedure that is not linked has one leg.
create table procedures.leg (
    application_id  bigint      not null references procedures.application,
    leg_no          smallint    not null,
    kind            varchar(30) not null,
    agency          varchar(20) not null check (agency in ('POLICE', 'JUSTICE', 'SOCIAL_INSURANCE', 'LABOUR')),
    unit_id         bigint      not null,          -- the unit whose officers act (a commune or a province)
    province_id     bigint      not null,
    status          varchar(10) not null check (status in ('WAITING', 'PENDING', 'APPROVED', 'REJECTED', 'SKIPPED', 'CANCELLED')),
    working_days    smallint    not null,          -- 0: the same working day
    started_at      timestamptz,
    due_at          timestamptz,
    decided_at      timestamptz,
    decided_by      text,
    note            text,                          -- the officer's reason for a rejection, or remarks
    warned_at       timestamptz,                   -- the warning before the deadline went out
    escalated_at    timestamptz,                   -- the deadline passed and the leg was escalated
    task_id         varchar(64),                   -- the BPMN task, for the linked procedures
    primary key (application_id, leg_no)
);
create index leg_worklist_unit on procedures.leg (agency, unit_id) where status = 'PENDING';
create index leg_worklist_province on procedures.leg (agency, province_id) where status = 'PENDING';
create index leg_deadline on procedures.leg (due_at) where status = 'PENDING';

create table procedures.attachment (
    id              bigint      generated always as identity primary key,
    application_id  bigint      not null references procedures.application,
    kind            varchar(40) not null,
    filename        text        not null,
    content_type    varchar(100) not null,
    size            int         not null,
    sha256          char(64)    not null,
    content         bytea       not null
);
create index attachment_application on procedures.attachment (application_id);

-- Every step of an application, as the applicant and the inspectors see it: append-only.
create table procedures.step (
    id              bigint      generated always as identity primary key,
    application_id  bigint      not null references procedures.application,
    leg_no          smallint,
    at              timestamptz not null,
    actor           text        not null,
    action          varchar(30) not null,
    detail          text
);
create index step_application on procedures.step (application_id, id);

create table procedures.notification (
    id              bigint      generated always as identity primary key,
    personal_id     char(12)    not null,
    application_id  bigint      references procedures.application,
    created_at      timestamptz not null,
    title_vi        text        not null,
    title_en        text        not null,
    body_vi         text        not null,
    body_en         text        not null,
    read_at         timestamptz
);
create index notification_inbox on procedures.notification (personal_id, id desc);

-- The outcomes, as signed documents: a JWS of the JSON record, signed when the leg is approved, and
-- a PAdES-signed PDF of the same record, rendered when first asked for and kept.
create table procedures.result (
    id              uuid        primary key,
    application_id  bigint      not null references procedures.application,
    leg_no          smallint    not null,
    personal_id     char(12)    not null,           -- whom the document is about
    kind            varchar(40) not null,
    agency          varchar(20) not null,
    issued_at       timestamptz not null,
    jws             text        not null,
    pdf             bytea,
    unique (application_id, leg_no)
);
create index result_person on procedures.result (personal_id, issued_at desc);

-- The keys results are signed with: a root (the platform's certification authority in a demo or
-- a development installation) and one key per agency, certified by the root. Private keys are
-- sealed with the platform's master key.
create table procedures.signing_key (
    name            varchar(20) primary key,        -- 'ROOT' or an agency
    private_key     bytea       not null,
    certificate     bytea       not null,           -- DER
    created_at      timestamptz not null
);

-- What the programme's statistics count, one row per event.
create table procedures.kpi_event (
    id              bigint      generated always as identity primary key,
    at              timestamptz not null,
    appendix_no     int         not null,
    application_id  bigint      not null references procedures.application,
    kind            varchar(10) not null check (kind in ('RECEIVED', 'COMPLETED', 'REJECTED')),
    channel         varchar(8)  not null,
    on_time         boolean,                          -- for COMPLETED and REJECTED
    prefilled_fields int        not null
);
create index kpi_event_at on procedures.kpi_event (at);
