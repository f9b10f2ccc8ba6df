// Prints how many tests ran per database (suites are tagged [pglite], [postgres], [mysql]) and a
// closing "N passed, N failed" line.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.ci/out/results.json';
const report = JSON.parse(readFileSync(file, 'utf8'));
const counts = new Map();
let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of report.testResults ?? []) {
  for (const test of suite.assertionResults ?? []) {
    const name = [...(test.ancestorTitles ?? []), test.title].join(' > ');
    const db =
      /\[(pglite|postgres|mysql)\b/.exec(name)?.[1] ??
      /\b(pglite|postgres|mysql|mariadb)\b/i.exec(name)?.[1]?.toLowerCase().replace('mariadb', 'mysql') ??
      /(pglite|postgres|mysql)/.exec(suite.name ?? '')?.[1] ??
      'no database';
    const entry = counts.get(db) ?? { passed: 0, failed: 0, skipped: 0 };
    if (test.status === 'passed') {
      entry.passed++;
      passed++;
    } else if (test.status === 'failed') {
      entry.failed++;
      failed++;
    } else {
      entry.skipped++;
      skipped++;
    }
    counts.set(db, entry);
  }
}
console.log('\nTests per database:');
for (const [db, c] of [...counts].sort()) {
  console.log(`  ${db.padEnd(12)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
