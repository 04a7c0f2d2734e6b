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
  responses?: Record<string, { description?: string; content?: Record<string, { schema: JsonSchema }> }>;
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
  responses: { status: string; description: string; media?: string; fields?: FieldView[] }[];
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
  // zod writes every integer's bounds as ±2^53−1 (the safe range): no limit worth showing.
  const bounded = schema.minimum !== undefined && schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER;
  if (bounded) return `${type} ${schema.minimum}–${schema.maximum}`;
  if (schema.maxLength !== undefined) return `${type} ≤ ${schema.maxLength} chars`;
  return type;
}

/** How deep an answer's fields are listed (`job.media[].url` is three levels). */
const ANSWER_DEPTH = 3;

/** A body's fields, nested objects and arrays of objects spelled out as `job.media[].url`. */
function fieldsOf(doc: OpenApiDocument, raw: JsonSchema, prefix = "", depth = 1): FieldView[] {
  const schema = resolve(doc, raw);
  return Object.entries(schema.properties ?? {}).flatMap(([name, child]) => {
    const field = resolve(doc, child);
    const path = `${prefix}${name}`;
    const required = schema.required?.includes(name) ?? false;
    if (depth < ANSWER_DEPTH && field.properties)
      return [{ name: path, required, type: "object" }, ...fieldsOf(doc, field, `${path}.`, depth + 1)];
    const items = field.items ? resolve(doc, field.items) : null;
    if (depth < ANSWER_DEPTH && items?.properties) {
      return [{ name: path, required, type: "object[]" }, ...fieldsOf(doc, items, `${path}[].`, depth + 1)];
    }
    return [{ name: path, required, type: typeLabel(doc, field) }];
  });
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
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => {
          const [answerMedia, answer] = Object.entries(r.content ?? {})[0] ?? [];
          // Success bodies are listed field by field; the error answers all share the one error shape.
          const fields = status.startsWith("2") && answer?.schema.properties ? fieldsOf(doc, answer.schema) : undefined;
          return { status, description: r.description ?? "", media: answerMedia, fields };
        }),
      };
      groups.set(tag, [...(groups.get(tag) ?? []), view]);
    }
  }
  return [...groups];
}
