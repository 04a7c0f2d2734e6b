import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { REFUND_REQUEST_WINDOW_MS, requestRefund } from "../../workers/admin/refunds";
import { whopApi } from "../../workers/billing/whop-api";
import { database } from "../../workers/db/client";
import { AppError } from "../../workers/lib/errors";
import { paymentData } from "../billing/fake-whop";
import { fakeWhopApi } from "../billing/fake-whop-api";
import { balanceOf, PACK, paymentRow, rowsFor, send } from "../billing/support";
import { signUp } from "../support/users";

const db = database(env.DB);

/** A person who bought the 500-credit pack for $5, known to the fake Whop as well as to us. */
async function purchase() {
  const user = await signUp();
  const payment = paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId, total: 5 });
  expect((await send("payment.succeeded", payment)).body.outcome).toBe("granted");
  const fake = fakeWhopApi();
  fake.payments.push(payment);
  const whop = whopApi({ apiKey: "whop_test_key", companyId: "biz_test", fetch: fake.fetch });
  return { user, paymentId: String(payment.id), fake, whop };
}

const refundCalls = (fake: ReturnType<typeof fakeWhopApi>) => fake.requests.filter((r) => r.path.endsWith("/refund"));
const clawbacks = async (paymentId: string) => (await rowsFor(paymentId)).filter((r) => r.kind === "refund_clawback");

async function refused(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe("staff refunds through Whop's API", () => {
  it("asks Whop once, records the request, and claws back once when Whop's webhook arrives (twice)", async () => {
    const { user, paymentId, fake, whop } = await purchase();
    const start = await balanceOf(user.userId);
    const now = Date.now();

    const requested = await requestRefund({ db, whop, now }, paymentId, undefined);
    expect(requested).toMatchObject({
      paymentId,
      userId: user.userId,
      requestedMinor: 500,
      refundRequestedAt: now,
      whopStatus: "refunded",
    });
    expect(refundCalls(fake)).toHaveLength(1);
    expect(JSON.parse(refundCalls(fake)[0]!.body)).toEqual({});
    // Nothing moves until Whop says the refund happened.
    expect(await balanceOf(user.userId)).toBe(start);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "paid", refund_requested_at: now, refund_requested_minor: 500 });
    // A second click is refused before Whop is asked again.
    expect(await refused(requestRefund({ db, whop, now: now + 1000 }, paymentId, undefined))).toBe("invalid_state");
    expect(refundCalls(fake)).toHaveLength(1);

    const [refund] = fake.refunds;
    expect((await send("refund.created", refund)).body.outcome).toBe("clawed_back");
    expect((await send("refund.created", refund)).body.outcome).toBe("duplicate");
    expect(await clawbacks(paymentId)).toHaveLength(1);
    expect(await balanceOf(user.userId)).toBe(start - PACK.credits);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "refunded", refunded_minor: 500, clawed_back: PACK.credits });

    // Fully refunded: refused here, Whop is not asked.
    expect(await refused(requestRefund({ db, whop, now: now + REFUND_REQUEST_WINDOW_MS + 1 }, paymentId, undefined))).toBe("invalid_state");
    expect(refundCalls(fake)).toHaveLength(1);
  });

  it("refunds part of a payment in major units, and refuses more than is left", async () => {
    const { paymentId, fake, whop } = await purchase();
    expect(await refused(requestRefund({ db, whop, now: Date.now() }, paymentId, 5.01))).toBe("validation_failed");
    expect(refundCalls(fake)).toHaveLength(0);
    const requested = await requestRefund({ db, whop, now: Date.now() }, paymentId, 2);
    expect(requested).toMatchObject({ requestedMinor: 200, whopStatus: "partially_refunded" });
    expect(JSON.parse(refundCalls(fake)[0]!.body)).toEqual({ partial_amount: 2 });
  });

  it("leaves no request behind when Whop is down or refuses, and knows no made-up payment", async () => {
    const { paymentId, fake, whop } = await purchase();
    fake.failWith = 503;
    expect(await refused(requestRefund({ db, whop, now: Date.now() }, paymentId, undefined))).toBe("unavailable");
    expect(await paymentRow(paymentId)).toMatchObject({ refund_requested_at: null, refund_requested_minor: null });
    fake.failWith = 422;
    expect(await refused(requestRefund({ db, whop, now: Date.now() }, paymentId, undefined))).toBe("invalid_state");
    expect(await paymentRow(paymentId)).toMatchObject({ refund_requested_at: null });
    expect(await refused(requestRefund({ db, whop, now: Date.now() }, "pay_nothing_like_it", undefined))).toBe("not_found");
    expect(await refused(requestRefund({ db, whop: null, now: Date.now() }, paymentId, undefined))).toBe("unavailable");
  });
});
