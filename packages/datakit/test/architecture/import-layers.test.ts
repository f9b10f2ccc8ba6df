import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/**
 * The layers of src/, lowest first: a file may import from its own folder or a lower one. One
 * entry per top-level folder (and per file at the root of src/); the README's Layout section says
 * what each owns. `package-info.ts` sits at the root (it reads ../package.json) but imports nothing.
 */
const ORDER: readonly (readonly string[])[] = [
  ['errors', 'format', 'package-info.ts'],
  ['schema'],
  ['values'],
  ['dialect'],
  ['contract'],
  ['factory', 'drift', 'codegen'],
  ['store'],
  ['transfer'],
  ['sql-transform'],
  ['quality', 'gold'],
  ['config'],
  ['warehouse'],
  ['deploy'],
  ['orchestration'],
  ['scaffold'],
  ['cli'],
  ['index.ts', 'testing.ts'],
];

/** One import of a file: what it says, the src-relative file it names, and how. */
interface Import {
  specifier: string;
  target: string;
  kind: 'import' | 'import type' | 'export from' | 'import()';
}

/**
 * The relative imports of a file (`path` relative to src/, with `/`): static and type imports,
 * `export … from`, and `import('…')` with a literal, in code and in types; comments do not count.
 */
function importsOf(path: string, text: string): Import[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (node: ts.Node | undefined, kind: Import['kind']) => {
    if (!node || !ts.isStringLiteralLike(node) || !node.text.startsWith('.')) return;
    const target = posix.join(posix.dirname(path), node.text).replace(/\.js$/, '.ts');
    found.push({ specifier: node.text, target, kind });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, node.importClause?.isTypeOnly ? 'import type' : 'import');
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, 'export from');
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, 'import');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], 'import()');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, 'import()');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The layer of a src-relative file: its top-level folder's (or its own, at the root) index in `order`. */
function layerOf(path: string, order: readonly (readonly string[])[]): number {
  const top = path.split('/')[0] as string;
  return order.findIndex((entry) => entry.includes(top));
}

/**
 * Every import cycle: each strongly connected set of files (or a file importing itself) as its
 * shortest cycle through its first file, then the set's other files.
 */
function cycles(graph: ReadonlyMap<string, readonly Import[]>): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[] = [];
  const targets = (file: string) => (graph.get(file) ?? []).map((i) => i.target).filter((t) => graph.has(t));
  const connect = (file: string): void => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const to of targets(file)) {
      if (!index.has(to)) {
        connect(to);
        low.set(file, Math.min(low.get(file) as number, low.get(to) as number));
      } else if (onStack.has(to)) {
        low.set(file, Math.min(low.get(file) as number, index.get(to) as number));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const members = new Set<string>();
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      members.add(member);
    } while (member !== file);
    if (members.size === 1 && !targets(file).includes(file)) return;
    const first = [...members].sort()[0] as string;
    const path = shortestCycle(first, members, targets);
    const others = [...members].filter((m) => !path.includes(m)).sort();
    found.push(
      `${path.join(' → ')}${others.length > 0 ? ` (the same cycle holds ${others.join(', ')})` : ''}`,
    );
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) connect(file);
  return found.sort();
}

/** The shortest path from `start` back to itself within `members` (breadth first). */
function shortestCycle(
  start: string,
  members: ReadonlySet<string>,
  targets: (file: string) => string[],
): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    for (const to of targets(file).sort()) {
      if (to === start) {
        const path = [file];
        while (path[0] !== start) path.unshift(parent.get(path[0] as string) as string);
        return [...path, start];
      }
      if (!members.has(to) || parent.has(to)) continue;
      parent.set(to, file);
      queue.push(to);
    }
  }
  return [start, start];
}

/** What breaks the layers: entries of src/ without a layer, and imports that point up. */
function upwardImports(
  graph: ReadonlyMap<string, readonly Import[]>,
  order: readonly (readonly string[])[],
): string[] {
  const found: string[] = [];
  const unplaced = new Set(
    [...graph.keys()].map((f) => f.split('/')[0] as string).filter((top) => layerOf(top, order) < 0),
  );
  for (const top of [...unplaced].sort())
    found.push(
      `src/${top} has no layer: add it to ORDER in test/architecture/import-layers.test.ts (and the README's Layout)`,
    );
  for (const [file, imports] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
    const from = layerOf(file, order);
    for (const { specifier, target, kind } of imports) {
      const to = layerOf(target, order);
      if (from < 0 || to <= from) continue;
      const name = (layer: number, path: string) => `${path.split('/')[0]} (${layer})`;
      found.push(`${file}: ${kind} '${specifier}' points up: ${name(from, file)} → ${name(to, target)}`);
    }
  }
  return found;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function graphOf(files: Record<string, string>): Map<string, Import[]> {
  return new Map(Object.entries(files).map(([path, text]) => [path, importsOf(path, text)]));
}

const srcGraph = graphOf(
  Object.fromEntries(
    tsFiles(SRC).map((path) => [relative(SRC, path).split(sep).join('/'), readFileSync(path, 'utf8')]),
  ),
);

describe('imports of src/ point down the layers', () => {
  it('has no import cycle between files, type imports included', () => {
    expect(srcGraph.size).toBeGreaterThan(300);
    const found = cycles(srcGraph);
    expect(found, `Import cycles (break each; a type import counts too):\n${found.join('\n')}`).toEqual([]);
  });

  it('imports only from the same folder or a lower one, and places every folder', () => {
    const found = upwardImports(srcGraph, ORDER);
    expect(found, `Imports against the layers of ORDER (lowest first):\n${found.join('\n')}`).toEqual([]);
  });

  it('finds cycles of any kind of import, upward imports and unplaced folders, and ignores comments', () => {
    const graph = graphOf({
      'schema/a.ts': "import type { B } from './b.js';\n// import { x } from '../cli/x.js';",
      'schema/b.ts': "export type { C } from './c.js';\n/** import('../cli/y.js') */",
      'schema/c.ts': "export const load = () => import('./a.js');",
      'schema/d.ts': "let t: typeof import('./d.js');",
      'dialect/e.ts': "import { f } from '../cli/f.js';\nimport { s } from '../schema/c.js';",
      'cli/f.ts': "import '../dialect/e.js';\nexport * from '../index.js';",
      'lost/g.ts': "import { g } from '../schema/a.js';",
      'index.ts': "export { f } from './cli/f.js';",
    });
    const order = [['schema'], ['dialect'], ['cli'], ['index.ts']];
    expect(cycles(graph)).toEqual([
      'cli/f.ts → dialect/e.ts → cli/f.ts (the same cycle holds index.ts)',
      'schema/a.ts → schema/b.ts → schema/c.ts → schema/a.ts',
      'schema/d.ts → schema/d.ts',
    ]);
    expect(upwardImports(graph, order)).toEqual([
      "src/lost has no layer: add it to ORDER in test/architecture/import-layers.test.ts (and the README's Layout)",
      "cli/f.ts: export from '../index.js' points up: cli (2) → index.ts (3)",
      "dialect/e.ts: import '../cli/f.js' points up: dialect (1) → cli (2)",
    ]);
    expect(importsOf('x/y.ts', "import { a } from 'drizzle-orm';\nconst z = import(name);")).toEqual([]);
  });
});
