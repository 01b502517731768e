/**
 * Schema validation at the edge. Bodies are checked strictly (no type coercion, no unknown
 * fields: a wrong type is a 400, never a silent change); path and query strings are text by
 * nature, so there integers are coerced from their digits. Before the schema, every body and
 * query passes the guard (depth, NUL, lone surrogates: body-guard.ts).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { IsOptional } from 'typebox';
import { guardInput } from './body-guard.js';
import {
  checkParagraph,
  checkPersonName,
  type NameCheck,
  OR_EMPTY,
  PARAGRAPH,
  PERSON_NAME,
} from './person-names.js';

/** What people type: names and one-line texts, and texts of several lines (person-names.ts). */
const TEXT_KEYWORDS: [string, (raw: string, keywordValue: unknown) => NameCheck][] = [
  [PERSON_NAME, (raw, value) => checkPersonName(raw, { orEmpty: value === OR_EMPTY })],
  [PARAGRAPH, checkParagraph],
];

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes: coerce,
    removeAdditional: false,
    useDefaults: true,
    allErrors: false,
    strict: false,
  });
  addFormats.default(ajv);
  for (const [keyword, check] of TEXT_KEYWORDS) {
    ajv.addKeyword({
      keyword,
      type: 'string',
      modifying: true,
      errors: true,
      validate: function text(this: unknown, value: unknown, data: string, _schema, cxt): boolean {
        const checked = check(data, value);
        const self = text as unknown as { errors: Partial<ErrorObject>[] | null };
        if (!checked.ok) {
          self.errors = [{ keyword, message: checked.reason, params: {} }];
          return false;
        }
        // Trimmed and in NFC (person-names.ts): the text as it is kept.
        if (cxt?.parentData && checked.name !== data) cxt.parentData[cxt.parentDataProperty] = checked.name;
        return true;
      },
    });
  }
  return ajv;
}

const strict = makeAjv(false);
const coercing = makeAjv(true);

type Schema = Record<string, unknown>;

/**
 * Where an object in a body schema lets unknown fields through (no `additionalProperties:
 * false`, as `Type.Partial` silently drops it): such a schema would store whatever a client
 * adds, so the app refuses to start with it rather than find out from the audit log.
 */
export function openObjectIn(schema: unknown, at = 'body'): string | null {
  if (schema === null || typeof schema !== 'object') return null;
  const s = schema as Schema;
  const isObject = s.type === 'object' || 'properties' in s || 'patternProperties' in s;
  if (isObject && s.additionalProperties !== false) return at;
  const children: [string, unknown][] = [];
  for (const key of ['properties', 'patternProperties'] as const) {
    for (const [name, child] of Object.entries((s[key] as Schema | undefined) ?? {}))
      children.push([`${at}.${name}`, child]);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const child of (s[key] as unknown[] | undefined) ?? []) children.push([at, child]);
  }
  if (s.items) {
    for (const child of Array.isArray(s.items) ? s.items : [s.items]) children.push([`${at}[]`, child]);
  }
  for (const [where, child] of children) {
    const open = openObjectIn(child, where);
    if (open) return open;
  }
  return null;
}

/** Runs the guard before the schema, reporting its refusal as Ajv would. */
function guarded(validate: ValidateFunction, allowNull: boolean): ValidateFunction {
  let errors: Partial<ErrorObject>[] | null = null;
  const wrapped = ((data: unknown) => {
    errors = null;
    if (allowNull && data === null) return true;
    const fault = guardInput(data);
    if (fault) {
      errors = [{ keyword: 'guard', instancePath: fault.instancePath, message: fault.message, params: {} }];
      return false;
    }
    if (validate(data)) return true;
    errors = validate.errors ?? null;
    return false;
  }) as ValidateFunction;
  return Object.defineProperty(wrapped, 'errors', { get: () => errors });
}

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart, method, url }) => {
  if (httpPart === 'body') {
    const open = openObjectIn(schema);
    if (open) {
      throw new Error(
        `${method} ${url}: ${open} accepts unknown fields; give it additionalProperties: false`,
      );
    }
  }
  const validate: ValidateFunction = (httpPart === 'body' ? strict : coercing).compile(schema as object);
  const checks = httpPart === 'body' || httpPart === 'querystring';
  // Fastify validates a missing body as null; a body schema marked Type.Optional lets it be left out.
  const mayBeAbsent = httpPart === 'body' && IsOptional(schema);
  const checked = checks ? guarded(validate, mayBeAbsent) : validate;
  return checked as ReturnType<FastifySchemaCompiler<unknown>>;
};
