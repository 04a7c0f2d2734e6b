import { z } from "zod";
import { notFound } from "../lib/errors";
import { idParam, idSchema, pathParams } from "../lib/validate";

/** A media `:id` from the path; anything that is not an id cannot name an item, so it is a 404. */
export const mediaIdParam = pathParams(idParam, () => notFound());

/** The media `:id` and `:shareId` of a share link, checked the same way. */
export const shareParams = pathParams(z.object({ id: idSchema, shareId: idSchema }), () => notFound());
