import { connect } from '../../src/dialect/connect.js';
const base = '/tmp/fail-scratch/pgl';
for (const p of ['afile', 'afile/sub', 'unrelated', 'empty', 'missing/deeper', 'noperm', '/proc/dkx', '/sys/dkx']) {
  const path = p.startsWith('/') ? p : `${base}/${p}`;
  try { const c = await connect(`pglite://${path}`); await c.query('select 1'); await c.close(); console.log(p, 'OK'); }
  catch (e) { console.log(p, 'ERR', (e as Error).message.split('\n')[0]); }
}
