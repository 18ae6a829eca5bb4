-- Payments of fees and fines for applications (docs/procedures.md#payments). An application whose
-- procedure has a fee waits for its payment before its first leg starts; a rejection refunds it.
-- The tables are those of the local payment gateway (vn.dancu.procedures.payments.LocalPaymentGateway):
-- a real payment platform keeps its own, and the platform keeps only the reference it pays under.
alter table procedures.application drop constraint application_status_check;
alter table procedures.application add constraint application_status_check
    check (status in ('AWAITING_PAYMENT', 'IN_PROGRESS', 'COMPLETED', 'PARTLY_COMPLETED', 'REJECTED'));
-- the gateway's reference of the application's fee or fine: the state is the gateway's to tell
alter table procedures.application add column payment_reference varchar(24);

create sequence procedures.payment_reference;
create sequence procedures.receipt_number;

-- What is to be paid, for which application and by whom. Amounts are whole đồng (VND has no minor unit).
create table procedures.payment (
    id                  bigint      generated always as identity primary key,
    reference           varchar(24) not null unique,          -- what the payer pays under: TT-2026-0000001
    application_id      bigint      not null references procedures.application,
    purpose             varchar(8)  not null check (purpose in ('FEE', 'FINE')),
    description_vi      text        not null,
    description_en      text        not null,
    amount              bigint      not null check (amount > 0),
    payer_personal_id   char(12)    not null,
    payer_name          text        not null,
    state               varchar(10) not null check (state in ('AWAITING', 'PAID', 'REFUNDED')),
    created_at          timestamptz not null,
    unique (application_id, purpose)                          -- one fee, or one fine, per application
);

-- Receipts: one for the payment, and one for its refund. Never changed once issued.
create table procedures.receipt (
    number              varchar(24) primary key,              -- BL-2026-0000001
    payment_id          bigint      not null references procedures.payment,
    kind                varchar(8)  not null check (kind in ('PAYMENT', 'REFUND')),
    amount              bigint      not null check (amount > 0),
    payer_personal_id   char(12)    not null,
    payer_name          text        not null,
    method              varchar(8)  not null check (method in ('ONLINE', 'CASH', 'RETURNED')),
    issued_at           timestamptz not null,
    issued_by           text        not null,                 -- 'citizen' or the officer's username
    reason              text,                                 -- a refund's: the rejection's note
    unique (payment_id, kind)                                 -- paid once, refunded once
);

-- Every state a payment took, with who and why: never changed once written.
create table procedures.payment_event (
    id                  bigint      generated always as identity primary key,
    payment_id          bigint      not null references procedures.payment,
    at                  timestamptz not null,
    actor               text        not null,
    state               varchar(10) not null,
    detail              text
);
create index payment_event_payment on procedures.payment_event (payment_id, id);

create function procedures.refuse_payment_record_change() returns trigger language plpgsql as $$
begin
    raise exception 'procedures.% is append-only', tg_table_name;
end $$;
create trigger receipt_append_only before update or delete on procedures.receipt
    for each row execute function procedures.refuse_payment_record_change();
create trigger payment_event_append_only before update or delete on procedures.payment_event
    for each row execute function procedures.refuse_payment_record_change();

-- The police's record of camera-detected traffic offences (procedure 8), as the local stand-in for a
-- system this platform cannot reach (vn.dancu.procedures.payments.LocalTrafficOffences): looked up by
-- the record's number and the plate, closed once the fine is paid.
create table procedures.traffic_offence (
    record_number       varchar(30) primary key,
    plate_number        varchar(16) not null,
    offender_personal_id char(12)   not null,
    offence_vi          text        not null,
    offence_en          text        not null,
    place               text        not null,
    detected_at         timestamptz not null,
    fine                bigint      not null check (fine > 0),
    state               varchar(8)  not null check (state in ('OPEN', 'CLOSED')),
    closed_at           timestamptz,
    payment_reference   varchar(24)
);
create index traffic_offence_plate on procedures.traffic_offence (plate_number);

-- Plate numbers handed out (procedure 7): province code, series and serial, each number once, and
-- one plate per vehicle (by its chassis number).
create table procedures.plate_number (
    number              varchar(16) primary key,              -- 29-A1 000.01
    province_code       varchar(2)  not null,
    series              varchar(2)  not null,
    serial              int         not null check (serial between 1 and 99999),
    chassis_number      varchar(30) not null unique,
    application_code    varchar(24) not null references procedures.application (code),
    allocated_at        timestamptz not null,
    unique (province_code, series, serial)
);

-- Passport numbers (procedure 12): P and seven digits.
create sequence procedures.passport_number;
