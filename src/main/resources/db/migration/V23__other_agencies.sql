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
