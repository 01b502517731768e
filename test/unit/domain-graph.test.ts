/**
 * The server's domain folders form a one-way graph, routes included (issue 12 item 4): no
 * folder of server/src imports, through any chain, a folder that imports it back. app.ts and
 * server.ts compose everything and are left out; each other top-level file is a node of its own.
 * A new domain keeps it so: its routes sit in the folder whose use cases they call, and read
 * models that join several domains live in views/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SERVER = fileURLToPath(new URL('../../server/src', import.meta.url));
const COMPOSITION = new Set(['app.ts', 'server.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const nodeOf = (file: string) => relative(SERVER, file).split(sep)[0]!;

/** node → the nodes it imports, with one import that shows each edge. */
function importGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sources(SERVER)) {
    const from = nodeOf(file);
    if (COMPOSITION.has(from)) continue;
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from\s+'(\.[^']+)'/g)) {
      const target = resolve(dirname(file), spec!).replace(/\.js$/, '.ts');
      if (relative(SERVER, target).startsWith('..')) continue; // shared/, outside the server
      const to = nodeOf(target);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${relative(SERVER, file)} → ${relative(SERVER, target)}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Strongly connected groups of more than one node (Tarjan): each is an import cycle. */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

it('has no import cycle between the domain folders of server/src', () => {
  const graph = importGraph();
  expect(graph.size).toBeGreaterThan(15); // the walk found the folders
  const found = cycles(graph).map((group) =>
    group.flatMap((a) => group.filter((b) => graph.get(a)?.has(b)).map((b) => graph.get(a)!.get(b)!)),
  );
  expect(found).toEqual([]);
});
