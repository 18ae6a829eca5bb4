-- Reads by the person themselves and releases of claims at login are access-log channels too.
alter table audit.access_log drop constraint access_log_channel_check;
alter table audit.access_log add constraint access_log_channel_check check (channel in ('API', 'WEB', 'BATCH', 'SELF', 'OIDC'));
