/**
 * Schema validation at the edge. Bodies are checked strictly (no type coercion, no unknown
 * fields: a wrong type is a 400, never a silent change); path and query strings are text by
 * nature, so there integers are coerced from their digits.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { IsOptional } from 'typebox';

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes: coerce,
    removeAdditional: false,
    useDefaults: true,
    allErrors: false,
    strict: false,
  });
  addFormats.default(ajv);
  return ajv;
}

const strict = makeAjv(false);
const coercing = makeAjv(true);

/** Fastify validates a missing body as null; a body schema marked Type.Optional lets it be left out. */
function mayBeAbsent(validate: ValidateFunction): ValidateFunction {
  const wrapped = ((data: unknown) => data === null || validate(data)) as ValidateFunction;
  return Object.defineProperty(wrapped, 'errors', { get: () => validate.errors });
}

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const validate: ValidateFunction = (httpPart === 'body' ? strict : coercing).compile(schema as object);
  const checked = httpPart === 'body' && IsOptional(schema) ? mayBeAbsent(validate) : validate;
  return checked as ReturnType<FastifySchemaCompiler<unknown>>;
};
