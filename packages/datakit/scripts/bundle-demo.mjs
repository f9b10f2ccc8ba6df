// Rewrites the imports the demo and its warehouse make of their sibling example packages
// (`@datakit-examples/*`) into relative paths, so dist/demo-warehouse runs inside the packed
// package, where those workspace packages do not exist. `datakit-warehouse` itself stays a bare import: the package imports itself.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const examples = path.resolve(here, '../../../examples');
const out = path.resolve(here, '../dist/demo-warehouse');

const entries = new Map();
for (const dir of readdirSync(examples)) {
  const manifest = JSON.parse(readFileSync(path.join(examples, dir, 'package.json'), 'utf8'));
  const entry = typeof manifest.exports === 'string' ? manifest.exports : manifest.exports?.['.'];
  if (typeof entry !== 'string') throw new Error(`examples/${dir}/package.json has no "." export`);
  entries.set(manifest.name, path.join(out, dir, entry.replace(/\.ts$/, '.js')));
}

const files = readdirSync(out, { recursive: true }).filter((f) => f.endsWith('.js'));
let rewritten = 0;
for (const file of files) {
  const full = path.join(out, file);
  const text = readFileSync(full, 'utf8');
  const next = text.replace(
    /(from\s+|import\s*\(\s*)(['"])(@datakit-examples\/[^'"]+)\2/g,
    (_, lead, quote, name) => {
      const target = entries.get(name);
      if (!target) throw new Error(`${file} imports ${name}, which no examples/*/package.json declares`);
      let relative = path.relative(path.dirname(full), target).split(path.sep).join('/');
      if (!relative.startsWith('.')) relative = `./${relative}`;
      rewritten += 1;
      return `${lead}${quote}${relative}${quote}`;
    },
  );
  if (next !== text) writeFileSync(full, next);
}
console.log(
  `demo warehouse: ${files.length} modules in dist/demo-warehouse, ${rewritten} imports made relative`,
);
