-- PostgreSQL's JIT compiler (on by default since version 12) compiles any query whose estimated
-- cost passes jit_above_cost. The ranking's read of a 62,000-item project is estimated far above
-- it (a per-item subquery that almost never runs) and spent ~500 ms compiling a 150 ms query
-- (docs/BENCHMARKS.md); none of Waypoint's queries runs long enough to gain from it. Set for the
-- database, so it holds for every connection, PgBouncer's included. A role that does not own the
-- database cannot set it: then the migration says so and goes on (set it with the owner, or
-- `jit = off` in postgresql.conf).
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'jit stays as it is: only the owner of database % can set it', current_database();
END
$$;
