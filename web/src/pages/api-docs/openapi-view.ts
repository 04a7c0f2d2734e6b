/** The part of an OpenAPI 3.1 document the reference page reads (what `GET /api/openapi.json` serves). */
interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
}

interface Operation {
  tags?: string[];
  "x-ausar-scope"?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses?: Record<string, { description?: string }>;
}

export interface OpenApiDocument {
  info: { title: string; description?: string };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** One operation, ready to show. */
export interface OperationView {
  id: string;
  method: string;
  path: string;
  scope: string;
  parameters: { name: string; where: string; required: boolean; type: string }[];
  body: { media: string; fields: FieldView[] } | null;
  responses: { status: string; description: string }[];
}

export interface FieldView {
  name: string;
  required: boolean;
  type: string;
}

/** A schema's `$ref` resolved within the document (one level; the API's schemas do not nest refs deeper). */
function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  return doc.components?.schemas?.[schema.$ref.split("/").pop() ?? ""] ?? schema;
}

/** A short type label: `string`, `integer 1–4`, `"url" | "b64_json"`, `string[]`. */
function typeLabel(doc: OpenApiDocument, raw: JsonSchema): string {
  const schema = resolve(doc, raw);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.anyOf) return schema.anyOf.map((s) => typeLabel(doc, s)).join(" | ");
  if (schema.type === "array" && schema.items) return `${typeLabel(doc, schema.items)}[]`;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  if (schema.minimum !== undefined && schema.maximum !== undefined) return `${type} ${schema.minimum}–${schema.maximum}`;
  if (schema.maxLength !== undefined) return `${type} ≤ ${schema.maxLength} chars`;
  return type;
}

/** Every operation of the document, grouped under its first tag, in the document's order. */
export function operationsByTag(doc: OpenApiDocument): [string, OperationView[]][] {
  const groups = new Map<string, OperationView[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? "other";
      const [media, content] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      const bodySchema = content ? resolve(doc, content.schema) : null;
      const view: OperationView = {
        id: `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-"),
        method: method.toUpperCase(),
        path,
        scope: op["x-ausar-scope"] ?? "",
        parameters: (op.parameters ?? []).map((p) => ({
          name: p.name,
          where: p.in,
          required: p.required ?? false,
          type: p.schema ? typeLabel(doc, p.schema) : "string",
        })),
        body:
          media && bodySchema
            ? {
                media,
                fields: Object.entries(bodySchema.properties ?? {}).map(([name, schema]) => ({
                  name,
                  required: bodySchema.required?.includes(name) ?? false,
                  type: typeLabel(doc, schema),
                })),
              }
            : null,
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({ status, description: r.description ?? "" })),
      };
      groups.set(tag, [...(groups.get(tag) ?? []), view]);
    }
  }
  return [...groups];
}
