import fc from 'fast-check';
import type { OpenApiDocument, Operation, SchemaObject } from './openapi-model';
import { resolveSchema } from './openapi-model';

/**
 * fast-check arbitraries built from an OpenAPI document, grouped in strata so a bounded run still
 * exercises every kind of request for every operation: valid bodies from the component schemas
 * (types, enums, min/max, examples, plus values harvested from the running app), mutated bodies
 * (dropped, duplicated and retyped fields, boundary numbers, huge and odd unicode strings, nulls,
 * nested objects) and hostile requests (prototype keys, 1 MB strings, deep nesting, wrong media
 * types, malformed JSON, wrong methods and paths, hostile query strings).
 */

export type FuzzKind = 'valid' | 'mutated' | 'hostile';

export interface FuzzRequest {
  kind: FuzzKind;
  /** What was done, for the failure report. */
  label: string;
  method: string;
  /** Path plus query string. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FuzzContext {
  doc: OpenApiDocument;
  /** Strings worth trying for any string field (examples, harvested usernames, cursors). */
  dictionary: string[];
  adminKey: string;
}

/** One kind of request for one operation, and how many to draw of it. */
export interface Stratum {
  name: string;
  kind: FuzzKind;
  runs: number;
  arbitrary: fc.Arbitrary<FuzzRequest>;
}

type Json = Record<string, unknown>;

interface BodyCase {
  label: string;
  body: string;
  contentType?: string | null;
}

interface BodyStratum {
  name: string;
  runs: number;
  arbitrary: fc.Arbitrary<BodyCase>;
}

/** Stands in for raw JSON text (1e400, -0) that JSON.stringify cannot produce. */
const RAW = 'RAW-7f3a9c';
const withRaw = (obj: Json, field: string, raw: string): string =>
  JSON.stringify({ ...obj, [field]: RAW }).replace(`"${RAW}"`, raw);
const appendRawKey = (obj: Json, raw: string): string => {
  const text = JSON.stringify(obj);
  return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}${raw}}`;
};

/** Any UTF-16 code unit, lone surrogate halves included (JSON carries them as \uD800). */
const codeUnit: fc.Arbitrary<string> = fc
  .noBias(fc.integer({ min: 0, max: 0xffff }))
  .map((n) => String.fromCharCode(n));

const ODD_STRINGS = [
  '\ud800',
  'a\udc00b',
  '\u202eevil',
  'zero\u200bwidth',
  '\ufeffbom',
  '🍝🔥👩‍🍳',
  'e\u0301\u0301\u0301',
  '\u0000',
  '\u001b[31mred',
  '%00%ZZ',
  '${jndi:ldap://x}',
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '*',
  'trendxl:v2:*',
];

const oddString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...ODD_STRINGS), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }), weight: 1 },
  { arbitrary: fc.string({ unit: codeUnit, minLength: 1, maxLength: 30 }), weight: 3 },
);

export function validValue(ctx: FuzzContext, raw: SchemaObject): fc.Arbitrary<unknown> {
  const schema = resolveSchema(ctx.doc, raw);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string': {
      const seeds = [schema.example, schema.default, ...ctx.dictionary].filter(
        (v): v is string => typeof v === 'string',
      );
      const maxLength = Math.min(schema.maxLength ?? 40, 40);
      const minLength = Math.min(schema.minLength ?? 0, maxLength);
      const random = fc.oneof(
        fc.string({ minLength, maxLength }),
        fc.string({ minLength, maxLength, unit: codeUnit }),
      );
      return seeds.length > 0
        ? fc.oneof(
            { arbitrary: fc.constantFrom(...seeds), weight: 3 },
            { arbitrary: random, weight: 2 },
          )
        : random;
    }
    case 'number':
    case 'integer':
      return fc.integer({
        min: Math.ceil(schema.minimum ?? -1000),
        max: Math.floor(schema.maximum ?? 1000),
      });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(ctx, schema.items ?? {}), { maxLength: 4 });
    case 'object':
      return validObject(ctx, schema);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

export function validObject(ctx: FuzzContext, raw: SchemaObject): fc.Arbitrary<Json> {
  const schema = resolveSchema(ctx.doc, raw);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    model[name] = validValue(ctx, prop);
  }
  return fc.record(model, { requiredKeys: schema.required ?? [] });
}

const fieldsOfType = (ctx: FuzzContext, schema: SchemaObject, types: string[]): string[] =>
  Object.entries(schema.properties ?? {})
    .filter(([, p]) => types.includes(resolveSchema(ctx.doc, p).type ?? ''))
    .map(([name]) => name);

function boundaryTokens(schema: SchemaObject): string[] {
  const tokens = ['0', '-0', '-1', '0.5', '1e308', '-1e308', '1e400', '-1e400', '1e-400'];
  tokens.push('9007199254740993', '4294967296', '2147483648', '-2147483649');
  if (schema.minimum !== undefined) tokens.push(String(schema.minimum - 1), String(schema.minimum));
  if (schema.maximum !== undefined) tokens.push(String(schema.maximum), String(schema.maximum + 1));
  for (const value of schema.enum ?? []) {
    if (typeof value === 'number') tokens.push(String(value + 1), `"${value}"`);
  }
  return tokens;
}

const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  fc.string({ maxLength: 20 }),
);

/** Mutations of a valid body, as raw JSON text, one stratum per kind of mutation. */
function mutatedBodies(ctx: FuzzContext, schema: SchemaObject): BodyStratum[] {
  const valid = validObject(ctx, schema);
  const names = Object.keys(schema.properties ?? {});
  const required = schema.required ?? [];
  // Only the required fields besides the mutated one, so no other invalid field masks it.
  const requiredOnly = (obj: Json): Json =>
    Object.fromEntries(Object.entries(obj).filter(([key]) => required.includes(key)));
  const numbers = fieldsOfType(ctx, schema, ['number', 'integer']);
  const strings = fieldsOfType(ctx, schema, ['string']);
  const extraFields = fc.dictionary(
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.jsonValue({ maxDepth: 2 }),
    { minKeys: 1, maxKeys: 3 },
  );
  const strata: BodyStratum[] = [
    {
      name: 'extra fields',
      runs: 4,
      arbitrary: fc.tuple(valid, extraFields).map(([obj, extra]) => ({
        label: `extra fields ${Object.keys(extra).join(',').slice(0, 40)}`,
        body: JSON.stringify({ ...obj, ...extra }),
      })),
    },
  ];
  if (required.length > 0) {
    strata.push({
      name: 'drop a required field',
      runs: 3,
      arbitrary: fc.tuple(valid, fc.constantFrom(...required)).map(([obj, field]) => {
        const copy = { ...obj };
        delete copy[field];
        return { label: `drop required ${field}`, body: JSON.stringify(copy) };
      }),
    });
  }
  if (names.length > 0) {
    const field = fc.constantFrom(...names);
    strata.push(
      {
        name: 'retype a field',
        runs: 8,
        arbitrary: fc.tuple(valid, field, wrongValue).map(([obj, f, v]) => ({
          label: `retype ${f} to ${JSON.stringify(v).slice(0, 30)}`,
          body: JSON.stringify({ ...requiredOnly(obj), [f]: v }),
        })),
      },
      {
        name: 'null a field',
        runs: 4,
        arbitrary: fc.tuple(valid, field).map(([obj, f]) => ({
          label: `${f} null`,
          body: JSON.stringify({ ...obj, [f]: null }),
        })),
      },
      {
        name: 'nest objects in a field',
        runs: 4,
        arbitrary: fc.tuple(valid, field, fc.jsonValue({ maxDepth: 6 })).map(([obj, f, v]) => ({
          label: `${f} nested`,
          body: JSON.stringify({ ...obj, [f]: { nested: v, list: [v, { v }] } }),
        })),
      },
      {
        name: 'duplicate a field',
        runs: 4,
        arbitrary: fc
          .tuple(valid, field, validValue(ctx, { type: 'string' }))
          .map(([obj, f, v]) => ({
            label: `duplicate ${f}`,
            body: appendRawKey(obj, `${JSON.stringify(f)}:${JSON.stringify(v)}`),
          })),
      },
    );
  }
  for (const f of numbers) {
    const prop = resolveSchema(ctx.doc, schema.properties?.[f] ?? {});
    strata.push({
      name: `boundary numbers in ${f}`,
      runs: 6,
      arbitrary: fc.tuple(valid, fc.constantFrom(...boundaryTokens(prop))).map(([obj, token]) => ({
        label: `${f} = ${token}`,
        body: withRaw(requiredOnly(obj), f, token),
      })),
    });
  }
  if (strings.length > 0) {
    const field = fc.constantFrom(...strings);
    strata.push(
      {
        name: 'huge strings',
        runs: 4,
        arbitrary: fc
          .tuple(
            valid,
            field,
            fc.integer({ min: 1_000, max: 40_000 }),
            fc.constantFrom('a', 'é', '🍝', '\\'),
          )
          .map(([obj, f, n, ch]) => ({
            label: `${f} huge (${n} x ${JSON.stringify(ch)})`,
            body: JSON.stringify({ ...obj, [f]: ch.repeat(n) }),
          })),
      },
      {
        name: 'unicode strings',
        runs: 12,
        arbitrary: fc.tuple(valid, field, oddString).map(([obj, f, s]) => ({
          label: `${f} unicode ${JSON.stringify(s).slice(0, 40)}`,
          body: JSON.stringify({ ...requiredOnly(obj), [f]: s }),
        })),
      },
    );
  }
  return strata;
}

const nested = (depth: number, kind: 'array' | 'object'): string =>
  kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const MEDIA_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/vnd.api+json',
  'text/json',
  null,
];

/** Bodies no client should send, one stratum per kind. */
function hostileBodies(ctx: FuzzContext, schema: SchemaObject): BodyStratum[] {
  const valid = validObject(ctx, schema);
  const names = Object.keys(schema.properties ?? {});
  const field = names.length > 0 ? fc.constantFrom(...names) : fc.constant('x');
  const proto = fc.constantFrom(
    '"__proto__":{"polluted":true}',
    '"constructor":{"prototype":{"polluted":true}}',
    '"prototype":{"polluted":true}',
  );
  return [
    {
      name: 'prototype keys',
      runs: 4,
      arbitrary: fc
        .tuple(valid, proto, field, fc.boolean())
        .map(([obj, key, f, inside]) =>
          inside
            ? { label: `${key.slice(0, 14)} inside ${f}`, body: withRaw(obj, f, `{${key}}`) }
            : { label: `${key.slice(0, 14)} key`, body: appendRawKey(obj, key) },
        ),
    },
    {
      name: '1 MB strings',
      runs: 2,
      arbitrary: fc.tuple(valid, field).map(([obj, f]) => ({
        label: `${f} 1 MB string`,
        body: JSON.stringify({ ...obj, [f]: 'x'.repeat(1024 * 1024) }),
      })),
    },
    {
      name: 'deep nesting',
      runs: 5,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 17, max: 5_000 }),
          fc.constantFrom('array' as const, 'object' as const),
          fc.boolean(),
          valid,
          field,
        )
        .map(([depth, kind, inField, obj, f]) => ({
          label: `${kind}s nested ${depth} deep${inField ? ` in ${f}` : ''}`,
          body: inField ? withRaw(obj, f, nested(depth, kind)) : nested(depth, kind),
        })),
    },
    {
      name: 'wrong content types',
      runs: 5,
      arbitrary: fc.tuple(valid, fc.constantFrom(...MEDIA_TYPES)).map(([obj, contentType]) => ({
        label: `content-type ${String(contentType)}`,
        body: JSON.stringify(obj),
        contentType,
      })),
    },
    {
      name: 'malformed JSON',
      runs: 4,
      arbitrary: fc
        .tuple(valid, fc.nat(), fc.constantFrom('', '}', ']', ',', '\u0000', 'garbage', '{'))
        .map(([obj, cut, tail]) => {
          const text = JSON.stringify(obj);
          return { label: 'malformed JSON', body: `${text.slice(0, cut % text.length)}${tail}` };
        }),
    },
    {
      name: 'bodies that are not objects',
      runs: 4,
      arbitrary: fc
        .constantFrom('null', '[]', '[{}]', '"text"', '0', 'true', '', ' ', '\ufeff{}')
        .map((body) => ({ label: `body ${JSON.stringify(body)}`, body })),
    },
  ];
}

const queryValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  fc.constantFrom('%ZZ', '%ED%A0%80', '%00', '*', 'a&b=c', '%2F..%2F', 'x'.repeat(6000)),
);

/** A query string: random parameters, repeated keys, prototype keys, broken escapes. */
const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  fc
    .dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 20 }), {
      maxKeys: 4,
    })
    .map((params) => new URLSearchParams(params).toString()),
  fc.constantFrom(
    '__proto__[polluted]=1',
    'constructor[prototype][polluted]=1',
    '__proto__=x',
    'a=1&a=2&a=3',
    'a[]=1&a[]=2',
    '%ZZ=%ZZ',
    'x=%ED%A0%80',
  ),
  queryValue.map((v) => `q=${v}`),
);

/** The operation's declared query parameters with odd values, or hostile parameters. */
function queryFor(op: Operation): fc.Arbitrary<string> {
  if (op.query.length === 0) return fc.option(hostileQuery, { nil: '' });
  const param = fc.constantFrom(...op.query);
  return fc.oneof(
    fc.constant(''),
    fc
      .tuple(param, fc.oneof(queryValue, fc.constantFrom('*', 'profile:*', '?')))
      .map(([p, value]) => `${encodeURIComponent(p.name)}=${value}`),
    fc
      .tuple(param, fc.string({ maxLength: 3 }))
      .map(([p, v]) => `${p.name}=a&${p.name}=${encodeURIComponent(v)}`),
    hostileQuery,
  );
}

function adminHeaders(ctx: FuzzContext, op: Operation): fc.Arbitrary<Record<string, string>> {
  if (!op.secured) return fc.constant({});
  return fc.oneof(
    { arbitrary: fc.constant({ 'x-api-key': ctx.adminKey }), weight: 3 },
    fc.constant({ authorization: `Bearer ${ctx.adminKey}` }),
    fc.constant({ 'x-api-key': 'wrong-key' }),
    fc.constant({}),
  );
}

const PATH_VARIANTS: ((path: string) => string)[] = [
  (p) => `${p}/`,
  (p) => `${p}//`,
  (p) => p.toUpperCase(),
  (p) => `${p}%00`,
  (p) => `${p}/..%2f..%2f`,
  (p) => `${p}.json`,
  (p) => p.replace(/\/[^/]*$/, '/%2e%2e'),
];

const requestId = fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 200 }), {
  nil: undefined,
});

/** Requests at the wrong method or a mangled path, for any operation. */
function routingStrata(op: Operation): Stratum[] {
  const jsonPost = (method: string) =>
    method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' };
  return [
    {
      name: 'wrong methods',
      kind: 'hostile',
      runs: 2,
      arbitrary: fc
        .constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH')
        .filter((m) => m !== op.method)
        .map((method): FuzzRequest => ({
          kind: 'hostile',
          label: `method ${method}`,
          method,
          path: op.path,
          headers: {},
          ...jsonPost(method),
        })),
    },
    {
      name: 'mangled paths',
      kind: 'hostile',
      runs: 3,
      arbitrary: fc.constantFrom(...PATH_VARIANTS).map((variant): FuzzRequest => ({
        kind: 'hostile',
        label: `path ${variant(op.path)}`,
        method: op.method,
        path: variant(op.path),
        headers: {},
        ...jsonPost(op.method),
      })),
    },
  ];
}

/** Every stratum of requests for one operation of the document. */
export function requestStrata(ctx: FuzzContext, op: Operation): Stratum[] {
  const withQuery = (query: string) => (query ? `${op.path}?${query}` : op.path);
  if (!op.body) {
    return [
      {
        name: 'plain',
        kind: 'valid',
        runs: 3,
        arbitrary: requestId.map((id): FuzzRequest => ({
          kind: 'valid',
          label: 'plain',
          method: op.method,
          path: op.path,
          headers: id === undefined ? {} : { 'x-request-id': id },
        })),
      },
      {
        name: 'query strings',
        kind: 'hostile',
        runs: 8,
        arbitrary: queryFor(op).map((query): FuzzRequest => ({
          kind: 'hostile',
          label: `query ${query.slice(0, 60)}`,
          method: op.method,
          path: withQuery(query),
          headers: {},
        })),
      },
      ...routingStrata(op),
    ];
  }
  const headers = adminHeaders(ctx, op);
  const toRequest =
    (kind: FuzzKind) =>
    ([c, query, extra, id]: [
      BodyCase,
      string,
      Record<string, string>,
      string | undefined,
    ]): FuzzRequest => {
      const contentType = c.contentType === undefined ? 'application/json' : c.contentType;
      return {
        kind,
        label: c.label,
        method: op.method,
        path: withQuery(query),
        headers: {
          ...extra,
          ...(contentType === null ? {} : { 'content-type': contentType }),
          ...(id === undefined ? {} : { 'x-request-id': id }),
        },
        body: c.body,
      };
    };
  const body = (kind: FuzzKind, s: BodyStratum, query: fc.Arbitrary<string>): Stratum => ({
    name: s.name,
    kind,
    runs: s.runs,
    arbitrary: fc.tuple(s.arbitrary, query, headers, requestId).map(toRequest(kind)),
  });
  const validBodies: BodyStratum = {
    name: 'valid bodies',
    runs: 15,
    arbitrary: validObject(ctx, op.body).map((obj) => ({
      label: 'valid',
      body: JSON.stringify(obj),
    })),
  };
  return [
    body('valid', validBodies, fc.constant('')),
    ...mutatedBodies(ctx, op.body).map((s) => body('mutated', s, fc.constant(''))),
    ...hostileBodies(ctx, op.body).map((s) => body('hostile', s, queryFor(op))),
    ...routingStrata(op),
  ];
}
