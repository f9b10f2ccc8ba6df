import { connect } from '../../src/dialect/connect.js';
import { createMysqlCustomers } from '../../test/transfer/mysql-customer.js';
import { createTestDatabase } from '../../test/support/servers.js';
const db = await createTestDatabase('mysql', 'scr_my');
const c = await connect(db.url); const admin = await connect(db.url);
await createMysqlCustomers(c, 200000);
let n = 0;
const t = setInterval(() => console.log('tick', n), 2000);
try {
  await c.transaction(async (tx) => {
    for await (const rows of tx.stream('select * from customer', [], { batchSize: 1000 })) {
      n += rows.length;
      if (n === 20000) {
        const { rows: r } = await admin.query<{id:number}>(`select id from information_schema.processlist where db = ? and info like 'select * from customer%'`, [db.name]);
        console.log('kill', r[0]?.id); await admin.query(`kill ${r[0]?.id}`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  });
  console.log('ended ok', n);
} catch (e) { console.log('ERR', (e as Error).message, (e as any).cause?.code); }
clearInterval(t);
await c.close(); await admin.close(); await db.drop();
