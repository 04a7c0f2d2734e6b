import { env } from "cloudflare:workers";
import { accountFor } from "../../workers/credits/account-client";
import { png } from "../media/fixtures";
import { addedPasskey } from "../support/passkeys";
import { api, cookiesFrom, randomIp, signUp, type TestUser } from "../support/users";

/**
 * Real ids of one user's objects, by fixture key (`<segment before the param>/:<param>`, as
 * `endpoints()` names them). Several values per key where the user owns several kinds of it
 * (an upload and a generated picture are both `media/:id`).
 */
export type OwnedIds = Record<string, string[]>;

export interface Owner {
  user: TestUser;
  ids: OwnedIds;
}

async function json<T>(res: Response, expected: number, what: string): Promise<T> {
  if (res.status !== expected) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return res.json<T>();
}

/** Polls `read` until `done` holds for its answer (background queue work), or fails after ~20 s. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} never finished`);
}

/**
 * Signs up a user and makes one of everything a user can own, through the real routes: a second
 * signed-in session, a finished generation (with its media), an upload, a share link, a finished
 * data export, a support thread, an API key, a webhook endpoint. Returns once the queue work they start is over.
 */
export async function ownerWithObjects(): Promise<Owner> {
  const user = await signUp();
  const ip = randomIp();
  // A second sign-in: another session of the same person, whose id other users must not touch.
  const login = await api("/api/auth/login", { method: "POST", ip, json: { email: user.email, password: user.password } });
  await json(login, 200, "second sign-in");
  const { sessions } = await json<{ sessions: { id: string; current: boolean }[] }>(
    await api("/api/auth/sessions", { cookie: cookiesFrom(login) }),
    200,
    "sessions",
  );

  await accountFor(env, user.userId).grant(`authz-${user.userId}`, 50, "promo", null);
  const { job } = await json<{ job: { id: string } }>(
    await api("/api/generations", { method: "POST", cookie: user.cookie, json: { model: "demo-image", prompt: "a lighthouse at dusk" } }),
    202,
    "generation",
  );
  const done = await until(
    async () =>
      (
        await json<{ job: { status: string; media: { id: string }[] } }>(
          await api(`/api/generations/${job.id}`, { cookie: user.cookie }),
          200,
          "job",
        )
      ).job,
    (j) => ["succeeded", "failed", "canceled"].includes(j.status),
    "generation",
  );

  const uploadRes = await api("/api/uploads", {
    method: "POST",
    cookie: user.cookie,
    headers: { "Content-Type": "image/png" },
    body: png(),
  });
  const { media } = await json<{ media: { id: string } }>(uploadRes, 201, "upload");
  const { share } = await json<{ share: { id: string; url: string } }>(
    await api(`/api/media/${media.id}/share`, { method: "POST", cookie: user.cookie, json: {} }),
    201,
    "share",
  );
  const { export: started } = await json<{ export: { id: string } }>(
    await api("/api/account/export", { method: "POST", cookie: user.cookie }),
    202,
    "export",
  );
  await until(
    async () =>
      (await json<{ export: { status: string } }>(await api(`/api/account/exports/${started.id}`, { cookie: user.cookie }), 200, "export"))
        .export,
    (e) => e.status !== "pending" && e.status !== "queued" && e.status !== "building",
    "export",
  );

  // A support thread with their upload attached (staff can then fetch the attachment too).
  const { thread } = await json<{ thread: { id: string } }>(
    await api("/api/support/threads", {
      method: "POST",
      cookie: user.cookie,
      json: { subject: "A question", message: "Hello", attachment: { kind: "media", id: media.id } },
    }),
    201,
    "support thread",
  );

  // An API key of theirs (the route takes its id; its secret is never listed).
  const { key } = await json<{ key: { id: string } }>(
    await api("/api/developers/keys", { method: "POST", cookie: user.cookie, json: { name: "fixture", scopes: ["generate"] } }),
    201,
    "API key",
  );

  // A webhook endpoint of theirs (its routes take its id).
  const { endpoint } = await json<{ endpoint: { id: string } }>(
    await api("/api/developers/webhooks", {
      method: "POST",
      cookie: user.cookie,
      json: { url: "https://hooks.example.com/authz", events: ["generation.succeeded"] },
    }),
    201,
    "webhook endpoint",
  );

  // A passkey of theirs, made by a software authenticator through the real registration.
  const passkey = await addedPasskey(user);

  // The export recorded itself as a fulfilled data request (staff routes name it by id).
  const request = await env.DB.prepare("SELECT id FROM data_requests WHERE user_id = ?1").bind(user.userId).first<{ id: string }>();
  if (!request) throw new Error("the export left no data request");
  // A payment of theirs, as Whop's webhook records it (staff refund routes name it by Whop's id).
  const paymentId = `pay_${crypto.randomUUID().replaceAll("-", "").slice(0, 14)}`;
  await env.DB.prepare(
    "INSERT INTO payments (id, user_id, plan_id, credits, status, amount_minor, currency, first_event_id, paid_at, created_at) VALUES (?1, ?2, 'pack-500', 0, 'paid', 500, 'usd', 'msg_fixture', ?3, ?3)",
  )
    .bind(paymentId, user.userId, Date.now())
    .run();

  const ids: OwnedIds = {
    "sessions/:id": sessions.filter((s) => !s.current).map((s) => s.id),
    "generations/:id": [job.id],
    "media/:id": [media.id, ...done.media.map((m) => m.id)],
    "share/:shareId": [share.id],
    "shared/:token": [share.url.split("/").at(-1)!],
    "share/:token": [share.url.split("/").at(-1)!],
    "exports/:id": [started.id],
    "providers/:provider": ["demo"],
    "jobs/:jobId": [job.id],
    "inputs/:index": ["0"],
    "data-requests/:id": [request.id],
    // Staff routes name people and their jobs directly.
    "users/:id": [user.userId],
    "jobs/:id": [job.id],
    "payments/:id": [paymentId],
    "threads/:id": [thread.id],
    "keys/:id": [key.id],
    "webhooks/:id": [endpoint.id],
    "passkeys/:id": [passkey.id],
  };
  return { user, ids };
}
