-- The IOC (docs/ioc.md). Leaders: staff of a province or a commune who read the aggregated figures
-- only, never a person; like the other officers of a unit they need a jurisdiction.
alter table identity.staff_account drop constraint staff_account_role_check;
alter table identity.staff_account drop constraint staff_account_jurisdiction_check;
alter table identity.staff_account add constraint staff_account_role_check check (role in ('COMMUNE_OFFICER',
    'PROVINCE_OFFICER', 'CENTRAL_OFFICER', 'AUDITOR', 'ADMIN', 'JUSTICE_OFFICER', 'SOCIAL_INSURANCE_OFFICER', 'LABOUR_OFFICER',
    'LEADER'));
alter table identity.staff_account add constraint staff_account_jurisdiction_check check (role not in ('COMMUNE_OFFICER',
    'PROVINCE_OFFICER', 'JUSTICE_OFFICER', 'SOCIAL_INSURANCE_OFFICER', 'LABOUR_OFFICER', 'LEADER') or jurisdiction_unit_id is not null);

-- The boundaries of a province's communes, loaded by an administrator as one GeoJSON FeatureCollection
-- (validated: Polygon/MultiPolygon features, each naming a commune of the province in force when loaded).
-- Kept as sent, so the pages serve it byte for byte; one row per province, replaced by the next load.
create table statistics.boundary (
    province_id bigint      primary key,
    geojson     text        not null,
    features    int         not null,
    loaded_at   timestamptz not null,
    loaded_by   text        not null
);
