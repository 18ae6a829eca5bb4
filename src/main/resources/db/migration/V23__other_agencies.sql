-- The officers of the other ministries and companies that act on procedures of Appendix I (17-25,
-- docs/procedures.md): tax offices, land registration offices, education, and the power companies.
-- Like the other officers of an agency they act inside a province or a commune: they need a jurisdiction.
alter table identity.staff_account drop constraint staff_account_role_check;
alter table identity.staff_account drop constraint staff_account_jurisdiction_check;
alter table identity.staff_account add constraint staff_account_role_check check (role in ('COMMUNE_OFFICER',
    'PROVINCE_OFFICER', 'CENTRAL_OFFICER', 'AUDITOR', 'ADMIN', 'JUSTICE_OFFICER', 'SOCIAL_INSURANCE_OFFICER', 'LABOUR_OFFICER',
    'LEADER', 'TAX_OFFICER', 'LAND_OFFICER', 'EDUCATION_OFFICER', 'ELECTRICITY_OFFICER'));
alter table identity.staff_account add constraint staff_account_jurisdiction_check check (role not in ('COMMUNE_OFFICER',
    'PROVINCE_OFFICER', 'JUSTICE_OFFICER', 'SOCIAL_INSURANCE_OFFICER', 'LABOUR_OFFICER', 'LEADER', 'TAX_OFFICER', 'LAND_OFFICER',
    'EDUCATION_OFFICER', 'ELECTRICITY_OFFICER') or jurisdiction_unit_id is not null);

-- Their legs.
alter table procedures.leg drop constraint leg_agency_check;
alter table procedures.leg add constraint leg_agency_check check (agency in ('POLICE', 'JUSTICE', 'SOCIAL_INSURANCE', 'LABOUR',
    'TAX', 'LAND', 'EDUCATION', 'ELECTRICITY'));

-- Procedure 22: the convictions of the criminal records database (Law on Judicial Records 2009), which the platform
-- cannot reach. This table stands in for it (procedures.appendix.LocalCriminalRecords); it starts empty.
create table procedures.conviction (
    id          bigint      generated always as identity primary key,
    personal_id char(12)    not null,
    judgment    text        not null,          -- the judgment's number
    judged_on   date        not null,
    court       text        not null,
    offence     text        not null,
    sentence    text        not null,
    bans        text,                          -- bans on holding positions, founding or managing enterprises
    expunged_on date,                          -- the conviction was expunged (xóa án tích): not on certificate form 1
    check (expunged_on is null or expunged_on >= judged_on)
);
create index conviction_person on procedures.conviction (personal_id);

-- Procedure 21: one registration per candidate and exam year, and the candidate's number (số báo danh):
-- the exam council's two-digit code and six digits in the order of registration.
create table procedures.exam_registration (
    exam_year        smallint    not null,
    personal_id      char(12)    not null,
    council_code     char(2)     not null,
    candidate_number char(8)     not null,
    application_code text        not null,
    registered_at    timestamptz not null,
    primary key (exam_year, personal_id),
    unique (exam_year, candidate_number)
);
create sequence procedures.exam_candidate_seq;

-- Procedures 24 and 25: the numbers of the electricity purchase contracts the power companies sign here.
create sequence procedures.electricity_contract_seq;
