import { expect, expectTypeOf, it } from "vitest";
import type { MediaView } from "../../../shared/media";
import type { authApi } from "../../../web/src/api/auth";
import { client } from "../../../web/src/api/client";
import type { mediaApi } from "../../../web/src/api/media";

// The contract between web and API is checked by the compiler: `tsc -p test/browser/tsconfig.json`
// (part of `npm run check`) fails if any call below compiles, as `@ts-expect-error` then has nothing
// to expect. The function is never run; it only has to type-check.
function callsTheApiRefuses(): void {
  // @ts-expect-error a sign-in needs a password
  void client.api.auth.login.$post({ json: { email: "a@b.c" } });
  // @ts-expect-error `favorite` is a boolean, not a string
  void client.api.media[":id"].$patch({ param: { id: "x" }, json: { favorite: "yes" } });
  // @ts-expect-error a job route needs its `:id`
  void client.api.generations[":id"].$get({});
  // @ts-expect-error there is no such route
  void client.api.media.everything.$get();
  // @ts-expect-error the ledger's query has no `page`
  void client.api.credits.ledger.$get({ query: { page: "2" } });
}

it("types every answer by the handler that gives it", () => {
  expectTypeOf<Awaited<ReturnType<typeof authApi.me>>["user"]["email"]>().toEqualTypeOf<string>();
  expectTypeOf<Awaited<ReturnType<typeof mediaApi.get>>>().toExtend<MediaView>();
  expect(typeof callsTheApiRefuses).toBe("function");
});
