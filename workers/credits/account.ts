import { DurableObject } from "cloudflare:workers";
import { TERMINAL_STATUSES } from "../../shared/generation";
import type { LiveMessage } from "../../shared/live";
import { newId } from "../lib/ids";
import { readBalance } from "./balance";
import type { AccountApi, Balance, ClawbackResult, GrantSource, HoldSpender, MutationResult } from "./contract";
import { JobWaiters } from "./job-waiters";
import { LIVE_SESSION_HEADER, sessionTag } from "./live";
import * as ops from "./operations";
import { SerialQueue } from "./serial-queue";

/**
 * One per user (`ACCOUNT.getByName(userId)`): the single writer of that user's credits and the
 * hub of their live connections. D1 is the record; this object only serialises the user's
 * mutations (each one D1 batch, see operations.ts) and pushes the new balance to open tabs.
 */
/** The longest one wait may last; a caller that needs longer waits again (after reading the job once). */
const MAX_AWAIT_MS = 60_000;

export class Account extends DurableObject<Env> implements AccountApi {
  private readonly queue = new SerialQueue();
  private readonly waiters = new JobWaiters();
  private lastNow = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Answered by the runtime without waking a hibernated object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  /** The user is the object's name; an object made any other way has no ledger to write. */
  private get userId(): string {
    const name = this.ctx.id.name;
    if (!name) throw new Error("Account objects are addressed by user id: use ACCOUNT.getByName(userId).");
    return name;
  }

  /**
   * Strictly increasing per object, so the ledger's `(created_at, id)` order is the order the
   * mutations were applied in, even when two land within one millisecond.
   */
  private now(): number {
    this.lastNow = Math.max(Date.now(), this.lastNow + 1);
    return this.lastNow;
  }

  private deps(): ops.LedgerDeps {
    return { db: this.env.DB, userId: this.userId, now: () => this.now(), newId };
  }

  /** Runs one mutation after all earlier ones; when it wrote, every open tab hears the new balance. */
  private mutate<R extends MutationResult | ClawbackResult>(op: (deps: ops.LedgerDeps) => Promise<R>): Promise<R> {
    return this.queue.run(async () => {
      const result = await op(this.deps());
      if (result.ok && result.applied) this.broadcast({ type: "credits", ...result.balance });
      return result;
    });
  }

  grant(key: string, amount: number, source: GrantSource, reference: string | null, description?: string): Promise<MutationResult> {
    return this.mutate((deps) => ops.grant(deps, { key, amount, source, reference, description }));
  }

  hold(jobId: string, amount: number, description?: string, spender?: HoldSpender): Promise<MutationResult> {
    return this.mutate((deps) => ops.hold(deps, { jobId, amount, description, spender }));
  }

  capture(jobId: string): Promise<MutationResult> {
    return this.mutate((deps) => ops.settle(deps, { jobId, kind: "capture" }));
  }

  release(jobId: string, reason?: string): Promise<MutationResult> {
    return this.mutate((deps) => ops.settle(deps, { jobId, kind: "release", reason }));
  }

  adjust(key: string, delta: number, reason: string, actor: string): Promise<MutationResult> {
    return this.mutate((deps) => ops.adjust(deps, { key, delta, reason, actor }));
  }

  clawback(key: string, amount: number, reference: string | null, description?: string): Promise<ClawbackResult> {
    return this.mutate((deps) => ops.clawback(deps, { key, amount, reference, description }));
  }

  clearFlag(key: string, actor: string, reason: string): Promise<MutationResult> {
    return this.mutate((deps) => ops.clearFlag(deps, { key, actor, reason }));
  }

  /** Reads D1 directly: every mutation is committed before it answers, so there is nothing to wait for. */
  async balance(): Promise<Balance> {
    return readBalance(this.env.DB, this.userId);
  }

  async publish(message: LiveMessage): Promise<number> {
    if (message.type === "job" && TERMINAL_STATUSES.includes(message.job.status)) this.waiters.finish(message.job.id);
    return this.broadcast(message);
  }

  /** Resolves true when the user's job `jobId` finishes within `timeoutMs` (see JobWaiters), false on timeout. */
  awaitJob(jobId: string, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(jobId, Math.min(Math.max(0, timeoutMs), MAX_AWAIT_MS));
  }

  /** Closes the live connections opened under `sessionId`, or all of them (sign-out ends them at once). */
  async disconnect(sessionId?: string): Promise<void> {
    const sockets = sessionId === undefined ? this.ctx.getWebSockets() : this.ctx.getWebSockets(sessionTag(sessionId));
    for (const ws of sockets) ws.close(1000, "signed out");
  }

  /**
   * `GET /api/live`, forwarded by the Worker after it checked the session: accept the socket
   * with the hibernation API (the object may sleep while tabs stay connected) and send the
   * balance at once, so a tab never shows a stale figure.
   */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade.", { status: 426 });
    }
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    const session = request.headers.get(LIVE_SESSION_HEADER);
    this.ctx.acceptWebSocket(server, session ? [sessionTag(session)] : []);
    server.send(JSON.stringify({ type: "credits", ...(await this.balance()) } satisfies LiveMessage));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** The channel only pushes; anything a tab sends (besides the auto-answered ping) is ignored. */
  override webSocketMessage(): void {}

  /** Sends to every open socket; answers how many took it. */
  private broadcast(message: LiveMessage): number {
    const data = JSON.stringify(message);
    let reached = 0;
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(data);
        reached += 1;
      } catch {
        // A socket closing at this moment: its tab reconnects and is sent the balance afresh.
      }
    }
    return reached;
  }
}
