import { z } from "zod";
import { notFound } from "../lib/errors";
import { idParam, idSchema, pathParams } from "../lib/validate";
import { TOKEN_PATTERN } from "./shares";

/** A media `:id` from the path; anything that is not an id cannot name an item, so it is a 404. */
export const mediaIdParam = pathParams(idParam, () => notFound());

/** The media `:id` and `:shareId` of a share link, checked the same way. */
export const shareParams = pathParams(z.object({ id: idSchema, shareId: idSchema }), () => notFound());

/** The token of a public share link; one that cannot be a token is as dead as an expired one. */
export const shareTokenParam = pathParams(z.object({ token: z.string().regex(TOKEN_PATTERN) }), () =>
  notFound("This link has expired or was revoked."),
);
