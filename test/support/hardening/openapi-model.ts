/** The slice of an OpenAPI 3 document the fuzzer reads, and its operations. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
}

interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  schema?: SchemaObject;
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
  security?: Record<string, unknown>[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

export interface Operation {
  method: 'GET' | 'POST';
  path: string;
  /** The JSON request body schema, $refs resolved at the top level. */
  body?: SchemaObject;
  query: { name: string; schema: SchemaObject }[];
  /** Declares a security requirement (the admin key). */
  secured: boolean;
}

const METHODS = new Set(['get', 'post']);

export function resolveSchema(doc: OpenApiDocument, schema: SchemaObject): SchemaObject {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
  return resolveSchema(doc, target);
}

/** Every GET/POST operation of the document. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]): Operation => {
        const bodySchema = op.requestBody?.content?.['application/json']?.schema;
        return {
          method: method.toUpperCase() as Operation['method'],
          path,
          body: bodySchema ? resolveSchema(doc, bodySchema) : undefined,
          query: (op.parameters ?? [])
            .filter((p) => p.in === 'query')
            .map((p) => ({ name: p.name, schema: resolveSchema(doc, p.schema ?? {}) })),
          secured: (op.security ?? []).length > 0,
        };
      }),
  );
}
