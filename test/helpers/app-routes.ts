/**
 * Every route the app registers, read from the app itself (not from a list kept by hand), so a
 * route added later is fuzzed and checked without anyone remembering to. Fastify prints its
 * router as a radix tree (`printRoutes`): each line a segment and the methods ending there;
 * a path is the segments from the root down. That tree includes what OpenAPI hides (pages,
 * /metrics, /docs, static files); OpenAPI adds the names of parameters the tree merges
 * (`:token|:ref|:id`) and each route's body and query schema.
 */
import type { App } from '../../server/src/http/app-type.js';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'OPTIONS';

export type JsonSchema = Record<string, unknown>;

export interface AppRoute {
  method: Method;
  /** As OpenAPI writes it: `/api/tickets/{id}/cancel`; a wildcard stays `*`. */
  path: string;
  params: string[];
  /** Whether OpenAPI lists it (pages, static files and /metrics are hidden). */
  documented: boolean;
  body?: JsonSchema;
  query?: string[];
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: { in: string; name: string }[];
}

/** `(method, path)` pairs from `printRoutes()`; parameters keep the tree's `:a|:b` form. */
export function parseRouteTree(tree: string): { method: Method; path: string }[] {
  const found: { method: Method; path: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const at = line.search(/[├└]── /);
    if (at < 0) continue;
    const depth = at / 4;
    const [, segment = '', methods] = /^(\S+)(?: \(([^)]*)\))?$/.exec(line.slice(at + 4)) ?? [];
    stack.length = depth;
    stack.push(segment);
    for (const method of methods?.split(', ') ?? [])
      found.push({ method: method as Method, path: stack.join('') });
  }
  return found;
}

/** `/api/tickets/:token|:ref|:id/cancel` → the OpenAPI forms it could stand for. */
function candidates(path: string): string[] {
  let out = [''];
  for (const part of path.split(/(:[\w|:]+)/)) {
    const names = part.startsWith(':') ? part.split('|').map((p) => `{${p.replace(/^:/, '')}}`) : [part];
    out = out.flatMap((prefix) => names.map((n) => prefix + n));
  }
  return out;
}

/** The shape of a route's path, whatever its parameters are called. */
export const routeKey = (method: string, path: string): string =>
  `${method} ${path.replace(/\{\w+\}|:[\w|:]+/g, ':')}`;

export async function appRoutes(app: App): Promise<AppRoute[]> {
  await app.ready();
  const spec = app.swagger() as { paths: Record<string, Record<string, Operation>> };
  return parseRouteTree(app.printRoutes()).map(({ method, path }) => {
    const all = candidates(path);
    // OpenAPI lists a GET, not the HEAD Fastify adds beside it.
    const verb = method === 'HEAD' ? 'get' : method.toLowerCase();
    const named = all.find((p) => spec.paths[p]?.[verb]);
    const openApiPath = named ?? all[0]!;
    const op = named ? spec.paths[named]![verb] : undefined;
    const query = op?.parameters?.filter((p) => p.in === 'query').map((p) => p.name);
    const body = op?.requestBody?.content?.['application/json']?.schema;
    return {
      method,
      path: openApiPath,
      params: [...openApiPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
      documented: named !== undefined,
      ...(body ? { body } : {}),
      ...(query?.length ? { query } : {}),
    };
  });
}

/** OpenAPI's routes the tree did not yield: a parse gone wrong (the fuzz test fails on any). */
export function undocumentedGaps(app: App, routes: readonly AppRoute[]): string[] {
  const spec = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const have = new Set(routes.map((r) => routeKey(r.method, r.path)));
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .map((m) => routeKey(m.toUpperCase(), path))
      .filter((key) => !have.has(key)),
  );
}
