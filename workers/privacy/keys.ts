/** R2 key of a data export: under the owner's own prefix, so the account purge finds it. */
export function exportKey(userId: string, exportId: string): string {
  return `exports/${userId}/${exportId}.zip`;
}

/** Every R2 prefix that holds a person's objects: uploads, generated media (and thumbnails), exports. */
export function userPrefixes(userId: string): string[] {
  return [`uploads/${userId}/`, `media/${userId}/`, `exports/${userId}/`];
}
