import type { ApiKeyView } from "../../../../shared/developers";
import { formatCredits, formatDate, formatDateTime, formatRelative } from "../../lib/format";

function KeyRow(props: { apiKey: ApiKeyView; onRevoke: (key: ApiKeyView) => void }) {
  const k = props.apiKey;
  return (
    <tr data-testid="api-key-row">
      <td data-label="Name" class="key-name">
        {k.name}
      </td>
      <td data-label="Key">
        <code class="key-prefix">{k.prefix}…</code>
      </td>
      <td data-label="Permissions">
        <span class="key-scopes">
          {k.scopes.map((scope) => (
            <span key={scope} class="badge">
              {scope}
            </span>
          ))}
        </span>
      </td>
      <td data-label="Created">
        <time datetime={new Date(k.createdAt).toISOString()}>{formatDate(k.createdAt)}</time>
      </td>
      <td data-label="Last used">
        {k.lastUsedAt === null ? (
          "Never"
        ) : (
          <time datetime={new Date(k.lastUsedAt).toISOString()} title={formatDateTime(k.lastUsedAt)}>
            {formatRelative(k.lastUsedAt)}
          </time>
        )}
      </td>
      <td data-label="Spent this month" class="num">
        {formatCredits(k.spentThisMonth)}
      </td>
      <td data-label="Monthly cap" class="num">
        {k.monthlyCreditCap === null ? "No cap" : formatCredits(k.monthlyCreditCap)}
      </td>
      <td class="key-actions">
        <button type="button" class="btn btn-secondary btn-small" onClick={() => props.onRevoke(k)} aria-label={`Revoke ${k.name}`}>
          Revoke
        </button>
      </td>
    </tr>
  );
}

/** The live keys, newest first; the secret is never among them (only its first characters). */
export function KeyTable(props: { keys: ApiKeyView[]; onRevoke: (key: ApiKeyView) => void }) {
  return (
    <div class="table-scroll">
      <table class="data-table key-table">
        <caption class="visually-hidden">Your API keys, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Permissions</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col" class="num">
              Spent this month
            </th>
            <th scope="col" class="num">
              Monthly cap
            </th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.keys.map((key) => (
            <KeyRow key={key.id} apiKey={key} onRevoke={props.onRevoke} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
