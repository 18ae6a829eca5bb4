-- Officers of the agencies that take part in the procedures besides the police (who keep the
-- registry): commune justice (civil status), social insurance, and labour (welfare). Each is
-- bound to a jurisdiction like a commune or province officer.
alter table identity.staff_account drop constraint staff_account_role_check;
alter table identity.staff_account drop constraint staff_account_check;
alter table identity.staff_account alter column role type varchar(30);
alter table identity.staff_account add constraint staff_account_role_check check (role in ('COMMUNE_OFFICER',
    'PROVINCE_OFFICER', 'CENTRAL_OFFICER', 'AUDITOR', 'ADMIN', 'JUSTICE_OFFICER', 'SOCIAL_INSURANCE_OFFICER', 'LABOUR_OFFICER'));
alter table identity.staff_account add constraint staff_account_jurisdiction_check check (role not in ('COMMUNE_OFFICER',
    'PROVINCE_OFFICER', 'JUSTICE_OFFICER', 'SOCIAL_INSURANCE_OFFICER', 'LABOUR_OFFICER') or jurisdiction_unit_id is not null);
