import { parsePgTimestamp } from '../packages/datakit/src/transfer/pg-timestamp-text.js';
import { PgDate } from '../packages/datakit/src/transfer/pg-date.js';
class D2 extends Date { t: string; m: number; constructor(ms: number, t: string) { super(ms); this.t = t; this.m = ms; } }
const strs: string[] = []; for (let i = 0; i < 1e6; i++) strs.push(new Date(1577836800000 + i * 37000).toISOString().replace('T', ' ').replace('.000Z', '+00'));
const out: unknown[] = new Array(1024);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let r = 0; r < 5; r++) {
  const res: Record<string, string> = {};
  let c = cpu(); let x = 0; for (let i = 0; i < 1e6; i++) x += parsePgTimestamp(strs[i]!); res.parse = (cpu() - c).toFixed(0);
  c = cpu(); for (let i = 0; i < 1e6; i++) out[i & 1023] = new Date(1577836800000 + i); res.newDate = (cpu() - c).toFixed(0);
  c = cpu(); for (let i = 0; i < 1e6; i++) out[i & 1023] = new PgDate(1577836800000 + i, strs[i]!, 'timestamptz'); res.pgDate = (cpu() - c).toFixed(0);
  c = cpu(); for (let i = 0; i < 1e6; i++) out[i & 1023] = new D2(1577836800000 + i, strs[i]!); res.d2 = (cpu() - c).toFixed(0);
  c = cpu(); for (let i = 0; i < 1e6; i++) { const d = new Date(1577836800000 + i) as Date & { t?: string }; d.t = strs[i]!; out[i & 1023] = d; } res.tagged = (cpu() - c).toFixed(0);
  c = cpu(); for (let i = 0; i < 1e6; i++) out[i & 1023] = { t: strs[i]!, m: i }; res.obj = (cpu() - c).toFixed(0);
  console.log(res, x > 0);
}
