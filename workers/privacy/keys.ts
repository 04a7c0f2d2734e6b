/** Where a person's data exports live in R2: under their own prefix, so the purge finds them all. */
export function exportPrefix(userId: string): string {
  return `exports/${userId}/`;
}

/** R2 key of a data export. */
export function exportKey(userId: string, exportId: string): string {
  return `${exportPrefix(userId)}${exportId}.zip`;
}
