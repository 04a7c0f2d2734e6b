import { Validator } from "@seriousme/openapi-schema-validator";
import { expect, it } from "vitest";
import { recordPageErrors, recordRequests, screenshot } from "./support/browser";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

it("serves an OpenAPI 3.1 document that a maintained validator accepts", async () => {
  const res = await fetch(`${suite.server.origin}/api/openapi.json`);
  expect(res.status).toBe(200);
  const document = await res.json();
  const validator = new Validator();
  const result = await validator.validate(document);
  expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe("3.1");
});

it("shows the API reference at /docs/api from that document, on this origin only", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const requests = recordRequests(context);
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${suite.server.origin}/docs/api`);
  await expect.poll(() => page.getByRole("heading", { name: "API reference" }).count()).toBe(1);
  const imageGeneration = page.getByRole("heading", { name: "POST /v1/images/generations" });
  await expect.poll(() => imageGeneration.count()).toBe(1);
  expect(await page.getByRole("heading", { name: "GET /api/media/{id}" }).count()).toBe(1);
  // Fields come from the route's own schema.
  const section = page.locator("section.api-operation", { has: imageGeneration });
  expect(await section.getByRole("cell", { name: "response_format" }).count()).toBe(1);
  // Answers are listed field by field, nested ones spelled out.
  const job = page.locator("section.api-operation", { has: page.getByRole("heading", { name: "GET /api/generations/{id}" }) });
  const answer = job.getByRole("table", { name: "Answer 200 (application/json)" });
  expect(await answer.getByRole("cell", { name: "job.status", exact: true }).count()).toBe(1);
  expect(await answer.getByRole("cell", { name: "job.media[].url", exact: true }).count()).toBe(1);
  await job.screenshot({ path: "test-results/browser/api-docs-job-answer.png" });
  await screenshot(page, "api-docs");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "api-docs-phone");
  expect(requests.offOrigin(suite.server.origin)).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});
