/**
 * True when a D1 write failed on a unique index (optionally naming `column`, as `table.column`).
 * D1 may wrap SQLite's message in a chain of causes, so every cause is looked at.
 */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes("UNIQUE constraint failed") && (column === undefined || e.message.includes(column))) return true;
  }
  return false;
}
