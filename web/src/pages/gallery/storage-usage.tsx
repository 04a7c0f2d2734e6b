import { useEffect, useState } from "hono/jsx/dom";
import type { StorageUsage as Usage } from "../../../../shared/media";
import { mediaApi } from "../../api/media";
import { formatBytes } from "../../lib/format";

/**
 * "1.2 GB of 2.00 GB used", with a meter. Loaded again whenever `version` changes (after an upload or a
 * delete). Generated outputs always land, so usage can pass the quota: then uploads are paused, and it says so.
 */
export function StorageUsage({ version }: { version: number }) {
  const [usage, setUsage] = useState<Usage | null>(null);
  useEffect(() => {
    let live = true;
    mediaApi
      .usage()
      .then((next) => live && setUsage(next))
      .catch(() => undefined); // the gallery works without it; the next change tries again
    return () => {
      live = false;
    };
  }, [version]);
  if (!usage) return null;
  const full = usage.bytes >= usage.quotaBytes;
  const label = `${usage.bytes === 0 ? "0 KB" : formatBytes(usage.bytes)} of ${formatBytes(usage.quotaBytes)} used`;
  return (
    <div class={`storage-usage${full ? " storage-usage-full" : ""}`}>
      <label class="storage-usage-label" for="storage-usage-meter">
        Storage: {label}
      </label>
      <meter
        id="storage-usage-meter"
        class="storage-usage-meter"
        min={0}
        max={usage.quotaBytes}
        high={usage.quotaBytes * 0.9}
        value={Math.min(usage.bytes, usage.quotaBytes)}
      >
        {label}
      </meter>
      {full ? (
        <p class="storage-usage-note" role="status">
          Your storage is full. New generations still arrive, but uploads are paused until you delete something.
        </p>
      ) : null}
    </div>
  );
}
