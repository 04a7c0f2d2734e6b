import { notFound } from "../lib/errors";
import { isId } from "../lib/ids";

/** A media id from the path; anything that is not an id cannot name an item, so it is a 404. */
export function mediaIdParam(value: string): string {
  if (!isId(value)) throw notFound();
  return value;
}
