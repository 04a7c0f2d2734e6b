import { useEffect, useState } from "hono/jsx/dom";
import { ErrorState, PageHeader, Skeleton } from "../../components/feedback";
import { apiFetch, errorMessage } from "../../lib/api";
import { type FieldView, type OpenApiDocument, type OperationView, operationsByTag } from "./openapi-view";
import "./api-docs.css";

function Fields(props: { caption: string; rows: (FieldView & { where?: string })[] }) {
  return (
    <table class="api-fields">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.name}>
            <td>
              <code>{row.name}</code>
              {row.where ? <span class="muted"> ({row.where})</span> : null}
            </td>
            <td>
              <code>{row.type}</code>
            </td>
            <td>{row.required ? "yes" : "no"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Operation(props: { op: OperationView }) {
  const { op } = props;
  return (
    <section class="api-operation card" id={op.id} aria-labelledby={`${op.id}-title`}>
      <h3 id={`${op.id}-title`} class="api-operation-title">
        <span class={`api-method api-method-${op.method.toLowerCase()}`}>{op.method}</span> <code>{op.path}</code>
      </h3>
      {op.scope ? (
        <p class="api-scope">
          Key scope: <code>{op.scope}</code>
        </p>
      ) : null}
      {op.parameters.length > 0 ? <Fields caption="Parameters" rows={op.parameters} /> : null}
      {op.body ? <Fields caption={`Body (${op.body.media})`} rows={op.body.fields} /> : null}
      <ul class="api-responses" aria-label="Answers">
        {op.responses.map((r) => (
          <li key={r.status}>
            <code>{r.status}</code> {r.description}
            {r.media && !r.fields ? <span class="muted"> ({r.media})</span> : null}
          </li>
        ))}
      </ul>
      {op.responses
        .filter((r) => r.fields && r.fields.length > 0)
        .map((r) => (
          <Fields key={r.status} caption={`Answer ${r.status} (${r.media})`} rows={r.fields!} />
        ))}
    </section>
  );
}

/**
 * `/docs/api`: the API reference, drawn here from `GET /api/openapi.json` (the document the Worker
 * generates from its own routes), so it cannot drift from the API and needs nothing from another origin.
 */
export default function ApiDocsPage() {
  const [doc, setDoc] = useState<{ value: OpenApiDocument } | { error: string } | null>(null);
  const load = () => {
    setDoc(null);
    apiFetch("/api/openapi.json")
      .then(async (res) => setDoc({ value: (await res.json()) as OpenApiDocument }))
      .catch((error: unknown) => setDoc({ error: errorMessage(error) }));
  };
  useEffect(load, []);
  return (
    <div class="page api-docs">
      <PageHeader
        title="API reference"
        description={
          <>
            Call Ausar with an API key from <a href="/account/developers">Account → Developers</a>, sent as{" "}
            <code>Authorization: Bearer &lt;key&gt;</code>. The <code>/v1</code> routes speak the OpenAI Images API. The machine-readable
            document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
          </>
        }
      />
      {doc === null ? <Skeleton lines={8} /> : null}
      {doc && "error" in doc ? <ErrorState message={doc.error} onRetry={load} /> : null}
      {doc && "value" in doc
        ? operationsByTag(doc.value).map(([tag, ops]) => (
            <section key={tag} class="api-group" aria-labelledby={`group-${tag}`}>
              <h2 id={`group-${tag}`}>{tag}</h2>
              {ops.map((op) => (
                <Operation key={op.id} op={op} />
              ))}
            </section>
          ))
        : null}
    </div>
  );
}
