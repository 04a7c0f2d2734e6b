import { BULK_MAX_IDS } from "../../../../shared/media-limits";
import { DownloadIcon, TrashIcon } from "./icons";

export interface SelectionBarProps {
  count: number;
  total: number;
  busy: boolean;
  onSelectAll: () => void;
  onDownload: () => void;
  onDelete: () => void;
  onDone: () => void;
}

/** Bulk actions for the selected items (at most BULK_MAX_IDS at once, the API's limit). */
export function SelectionBar(props: SelectionBarProps) {
  const tooMany = props.count > BULK_MAX_IDS;
  const none = props.count === 0;
  return (
    <div class="selection-bar" role="toolbar" aria-label="Selected items">
      <p class="selection-count" aria-live="polite">
        {props.count} selected{tooMany ? ` — at most ${BULK_MAX_IDS} at once` : ""}
      </p>
      <button type="button" class="btn btn-ghost btn-small" onClick={props.onSelectAll} disabled={props.count === props.total}>
        Select all shown
      </button>
      <button type="button" class="btn btn-secondary btn-small" onClick={props.onDownload} disabled={none || tooMany || props.busy}>
        <DownloadIcon />
        Download ZIP
      </button>
      <button type="button" class="btn btn-danger btn-small" onClick={props.onDelete} disabled={none || tooMany || props.busy}>
        <TrashIcon />
        Delete
      </button>
      <button type="button" class="btn btn-ghost btn-small" onClick={props.onDone}>
        Done
      </button>
    </div>
  );
}
