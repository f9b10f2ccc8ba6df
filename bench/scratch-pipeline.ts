import { integer, numeric, pgTable, text, timestamp, boolean, uuid } from 'drizzle-orm/pg-core';
import { connect } from '../packages/datakit/src/dialect/connect.js';
import { columnCodecs } from '../packages/datakit/src/transfer/column-codec.js';
import { createCopyTextDecoder } from '../packages/datakit/src/transfer/copy-text-decoder.js';
import { createCopyLineEncoder } from '../packages/datakit/src/transfer/copy-text-encoder.js';

const src = pgTable('src', { id: integer().primaryKey(), name: text().notNull(), email: text().notNull(), created_at: timestamp({ withTimezone: true }).notNull(), orders: integer().notNull(), balance: numeric({ precision: 10, scale: 2 }).notNull(), active: boolean().notNull(), note: text() });
const dst = pgTable('dst', { id: integer().primaryKey(), name: text().notNull(), email: text().notNull(), created_at: timestamp({ withTimezone: true }).notNull(), orders: integer().notNull(), balance: numeric({ precision: 10, scale: 2 }).notNull(), active: boolean().notNull(), note: text(), _load_id: uuid().notNull(), _loaded_at: timestamp({ withTimezone: true }).notNull() });
const url = 'postgres://postgres@127.0.0.1:5432/dk_calib';
const a = await connect(url); const b = await connect(url);
const sc = columnCodecs(src); const tc = columnCodecs(dst).slice(0, 8);
const mode = process.argv[2] ?? 'full';
await b.query('truncate dst');
const t0 = performance.now();
let n = 0;
await a.transaction(async (sa) => {
  await sa.query("set local timezone = 'UTC'");
  await b.transaction(async (tb) => {
    const dec = createCopyTextDecoder(sc);
    const enc = createCopyLineEncoder(tc, [crypto.randomUUID(), new Date().toISOString()]);
    async function* chunks() {
      for await (const chunk of sa.copyTo!('copy (select id, name, email, created_at, orders, balance, active, note from src) to stdout')) {
        if (mode === 'raw') { yield chunk; continue; }
        const rows = dec.push(chunk);
        let out = '';
        for (const r of rows) {
          n++;
          const t = mode === 'notransform' ? r : { ...r, name: (r.name as string).toUpperCase(), email: (r.email as string).toLowerCase() };
          out += enc(t);
        }
        yield out;
      }
    }
    await tb.copyFrom!(mode === 'raw' ? 'copy dst (id, name, email, created_at, orders, balance, active, note) from stdin' : 'copy dst from stdin', chunks());
  });
});
console.log(mode, n, ((performance.now() - t0) / 1000).toFixed(2), 's');
await a.close(); await b.close();
