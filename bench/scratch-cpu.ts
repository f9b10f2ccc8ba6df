import { readFileSync } from 'node:fs';
import { integer, numeric, pgTable, text, timestamp, boolean } from 'drizzle-orm/pg-core';
import { columnCodecs } from '../packages/datakit/src/transfer/column-codec.js';
import { createCopyTextDecoder } from '../packages/datakit/src/transfer/copy-text-decoder.js';
import { createCopyLineEncoder, createPassthroughLineEncoder } from '../packages/datakit/src/transfer/copy-text-encoder.js';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const src = pgTable('src', { id: integer().primaryKey(), name: text().notNull(), email: text().notNull(), created_at: timestamp({ withTimezone: true }).notNull(), orders: integer().notNull(), balance: numeric({ precision: 10, scale: 2 }).notNull(), active: boolean().notNull(), note: text() });
const data = readFileSync('/tmp/dk/src.txt');
const sc = columnCodecs(src); const tc = sc;
const consts = ['b2c1e6f0-1234-4c3b-9a55-0123456789ab', '2024-01-01 00:00:00+00'];
for (let round = 0; round < 6; round++) {
  const mode = ['plain', 'pass', 'pass-latin1'][round % 3]!;
  const dec = createCopyTextDecoder(sc);
  const enc = createCopyLineEncoder(tc, consts);
  const pe = createPassthroughLineEncoder(tc, sc, [0, 1, 2, 3, 4, 5, 6, 7], consts);
  const t0 = performance.now(); const c0 = cpu(); let n = 0; let bytes = 0; let td = 0, tt = 0, tb = 0;
  for (let off = 0; off < data.length; off += 65536) {
    const a = performance.now();
    const batch = dec.push(data.subarray(off, off + 65536));
    const b = performance.now();
    let out = '';
    const rows = batch.rows;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      n++;
      const t = { id: r.id, name: (r.name as string).toUpperCase(), email: (r.email as string).toLowerCase(), created_at: r.created_at, orders: r.orders, balance: r.balance, active: r.active, note: r.note };
      out += mode === 'plain' ? enc(t) : pe(t, r, batch.text, batch.offsets, i * 9);
    }
    const c = performance.now();
    if (mode === 'pass-latin1') { const buf = Buffer.from(out, 'latin1'); bytes += buf.length; } else bytes += Buffer.from(out).length;
    const d = performance.now();
    td += b - a; tt += c - b; tb += d - c;
  }
  console.log(mode.padEnd(12), n, (performance.now() - t0).toFixed(0), 'ms wall', (cpu() - c0).toFixed(0), 'ms cpu', { decode: td.toFixed(0), transformEncode: tt.toFixed(0), toBuffer: tb.toFixed(0) }, bytes);
}
