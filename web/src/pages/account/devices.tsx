import { useState } from "hono/jsx/dom";
import type { SessionView } from "../../../../shared/auth";
import { authApi } from "../../api/auth";
import { ErrorState, Skeleton } from "../../components/feedback";
import { MonitorIcon } from "../../components/icons";
import { signOutAndLeave } from "../../layouts/account-menu";
import { ApiError } from "../../lib/api";
import { formatDate, formatRelative } from "../../lib/format";
import { useResource } from "../../lib/resource";
import { toast } from "../../lib/toasts";

function deviceName(session: SessionView): string {
  if (session.browser && session.os) return `${session.browser} on ${session.os}`;
  return session.browser ?? session.os ?? "Unknown device";
}

/** Signed-in devices (browser and OS only), each revocable, and "Sign out everywhere". */
export function DevicesSection() {
  const [sessions, reload, setSessions] = useResource(() => authApi.sessions());
  const [revoking, setRevoking] = useState<string | null>(null);

  const revoke = async (session: SessionView) => {
    if (session.current) return signOutAndLeave();
    setRevoking(session.id);
    try {
      await authApi.revokeSession(session.id);
      setSessions((list) => list.filter((s) => s.id !== session.id));
      toast({ tone: "success", title: `${deviceName(session)} is signed out` });
    } catch (error) {
      toast({ tone: "error", title: "Could not sign that device out", body: error instanceof ApiError ? error.message : undefined });
    } finally {
      setRevoking(null);
    }
  };

  return (
    <section class="card account-section" aria-labelledby="devices-title">
      <h2 id="devices-title" class="card-title">
        Signed-in devices
      </h2>
      <p class="card-text">We keep only the browser, the operating system and the screen size (to the nearest 100 px) of each device.</p>
      {sessions.kind === "loading" ? <Skeleton lines={3} /> : null}
      {sessions.kind === "error" ? <ErrorState message={sessions.message} onRetry={() => void reload()} /> : null}
      {sessions.kind === "ready" ? (
        <ul class="device-list">
          {sessions.value.map((session) => (
            <li key={session.id} class="device">
              <MonitorIcon />
              <div class="device-text">
                <p class="device-name">
                  {deviceName(session)} {session.current ? <span class="badge badge-accent">This device</span> : null}
                </p>
                <p class="device-meta">
                  {session.screen ? `${session.screen.replace("x", " × ")} screen · ` : ""}
                  Active {formatRelative(session.lastUsedAt)} · signed in {formatDate(session.createdAt)}
                </p>
              </div>
              <button
                type="button"
                class="btn btn-secondary btn-small"
                disabled={revoking === session.id}
                onClick={() => void revoke(session)}
                aria-label={session.current ? "Sign out of this device" : `Sign out ${deviceName(session)}`}
              >
                {revoking === session.id ? "Signing out…" : "Sign out"}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="form-footer">
        <button type="button" class="btn btn-danger" onClick={() => void signOutAndLeave(true)}>
          Sign out everywhere
        </button>
      </div>
    </section>
  );
}
