import type { MediaView } from "../../../shared/media";
import { trackFeature } from "../lib/usage";
import { answer, client, done } from "./client";

const media = client.api.media;

/** What the gallery lists: a kind (or all), favorites only, and a prompt search. */
export interface MediaFilter {
  kind: "all" | MediaView["kind"];
  favorite: boolean;
  q: string;
}

/** The `GET /api/media` query for a filter, a page size and an optional cursor. */
function listQuery(filter: MediaFilter, limit: number, cursor?: string | null) {
  const q = filter.q.trim();
  return {
    limit: String(limit),
    ...(filter.kind !== "all" ? { kind: filter.kind } : {}),
    ...(filter.favorite ? { favorite: true } : {}), // sent as "true"
    ...(q ? { q } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

const param = (id: string) => ({ id: encodeURIComponent(id) });

/** The signed-in person's media: list, read, favorite, delete, share links. */
export const mediaApi = {
  list: (filter: MediaFilter, limit: number, cursor?: string | null, signal?: AbortSignal) =>
    answer(media.$get({ query: listQuery(filter, limit, cursor) }, signal ? { init: { signal } } : undefined)),
  /** Pictures that can serve as references: the person's uploads, newest first. */
  uploads: async () => (await answer(media.$get({ query: { kind: "upload", limit: "60" } }))).items,
  get: async (id: string) => (await answer(media[":id"].$get({ param: param(id) }))).media,
  setFavorite: async (id: string, favorite: boolean) => {
    const { media: item } = await answer(media[":id"].$patch({ param: param(id), json: { favorite } }));
    if (favorite) trackFeature("favourite");
    return item;
  },
  remove: (id: string) => done(media[":id"].$delete({ param: param(id) })),
  removeMany: (ids: string[]) => answer(media["bulk-delete"].$post({ json: { ids } })),
  share: async (id: string, options: { showPrompt: boolean }) => {
    const { share } = await answer(media[":id"].share.$post({ param: param(id), json: options }));
    trackFeature("share");
    return share;
  },
  shares: async (id: string) => (await answer(media[":id"].shares.$get({ param: param(id) }))).shares,
  /** How many bytes the person stores and their quota (`GET /api/media/usage`). */
  usage: () => answer(media.usage.$get()),
  revokeShare: (id: string, shareId: string) =>
    done(media[":id"].share[":shareId"].$delete({ param: { id: encodeURIComponent(id), shareId: encodeURIComponent(shareId) } })),
};
