-- Least privilege on PostgreSQL (docs/production.md). Run as a superuser, once per database:
--   psql -v db=chengguan -v app_password="'…'" -f scripts/pg_roles.sql
-- chengguan_owner owns the schema and runs the migrations; chengguan_app is what the server
-- connects as: DML only, owns nothing, so it can neither disable the ledger's append-only trigger
-- (ALTER TABLE needs the owner) nor set session_replication_role (needs a superuser).
SELECT 'CREATE ROLE chengguan_owner LOGIN NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'chengguan_owner') \gexec
SELECT 'CREATE ROLE chengguan_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'chengguan_app') \gexec
ALTER ROLE chengguan_app PASSWORD :app_password;
ALTER DATABASE :db OWNER TO chengguan_owner;
\connect :db
ALTER SCHEMA public OWNER TO chengguan_owner;
GRANT USAGE ON SCHEMA public TO chengguan_app;
-- Tables the owner creates later (each migration) are granted to the app as they appear.
ALTER DEFAULT PRIVILEGES FOR ROLE chengguan_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO chengguan_app;
ALTER DEFAULT PRIVILEGES FOR ROLE chengguan_owner IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO chengguan_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO chengguan_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO chengguan_app;
