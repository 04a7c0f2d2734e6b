import { type MediaFilter, mediaApi } from "../../api/media";

/** What the gallery shows: a kind (or all), favorites only, and a prompt search. */
export type GalleryFilter = MediaFilter;

export const PAGE_SIZE = 60;

/**
 * Downloads several items as one ZIP through a form post into a hidden frame, so the browser streams
 * the archive straight to disk. A cheap authenticated call first renews an expired session, since a
 * form post cannot retry after a 401 the way the API client does.
 */
export async function downloadZip(ids: string[]): Promise<void> {
  await mediaApi.list({ kind: "all", favorite: false, q: "" }, 1);
  const frameName = "gallery-download-frame";
  let frame = document.querySelector<HTMLIFrameElement>(`iframe[name="${frameName}"]`);
  if (!frame) {
    frame = document.createElement("iframe");
    frame.name = frameName;
    frame.hidden = true;
    frame.title = "Download";
    document.body.append(frame);
  }
  const form = document.createElement("form");
  form.method = "POST";
  form.action = "/api/media/bulk-download";
  form.target = frameName;
  form.hidden = true;
  for (const id of ids) {
    const field = document.createElement("input");
    field.type = "hidden";
    field.name = "ids";
    field.value = id;
    form.append(field);
  }
  document.body.append(form);
  form.submit();
  form.remove();
}
