import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create();
await db.query(`begin`);
await db.query(`set local application_name = 'datakit load x'`);
console.log((await db.query(`select pg_advisory_xact_lock(hashtext('a'), hashtext('b'))`)).rows);
console.log((await db.query(`select pid, application_name, backend_type from pg_stat_activity`)).rows);
console.log((await db.query(`select locktype, classid::text::bigint, objid::text::bigint, objsubid, granted, pid from pg_locks where locktype='advisory'`)).rows);
console.log((await db.query(`select (hashtext('a')::bigint + 4294967296) % 4294967296 as a, (hashtext('b')::bigint + 4294967296) % 4294967296 as b`)).rows);
await db.query('commit');
