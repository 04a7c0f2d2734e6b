/** The shape of every id Ausar makes (a UUIDv7 from the Worker's `newId`), checked wherever a request names one. */
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
