import { describe, expect, it } from "vitest";
import { createApp } from "../../workers/app";
import { keyRoutes } from "../../workers/developers/openapi";
import { KEY_ROUTE_ANSWERS } from "../../workers/developers/openapi-responses";
import { api } from "../support/users";

// biome-ignore lint/suspicious/noExplicitAny: test reads of the JSON document
type Json = Record<string, any>;

describe("GET /api/openapi.json", () => {
  it("describes every route a key can call, enumerated from the app, and nothing a key cannot", async () => {
    const res = await api("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json<Json>();
    expect(doc.openapi).toBe("3.1.0");
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Json>).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`)),
    );
    const reachable = keyRoutes(createApp());
    expect(reachable.size).toBeGreaterThan(15);
    expect([...reachable].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !reachable.has(route))).toEqual([]);
    // No session-only route slipped in.
    expect(Object.keys(doc.paths).some((path) => /\/api\/(account|auth|billing|support|admin|developers)/.test(path))).toBe(false);
  });

  it("takes each request schema from the route's own validator, and gives the key and the error shape", async () => {
    const doc = await (await api("/api/openapi.json")).json<Json>();
    const generate = doc.paths["/api/generations"].post;
    const body = generate.requestBody.content["application/json"].schema;
    const resolved = body.$ref ? doc.components.schemas[body.$ref.split("/").pop()] : body;
    expect(Object.keys(resolved.properties)).toEqual(expect.arrayContaining(["model", "prompt", "count", "aspectRatio"]));
    expect(generate.security).toEqual([{ apiKey: [] }]);
    expect(generate["x-ausar-scope"]).toBe("generate");
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    const unauthorized = generate.responses["401"].content["application/json"].schema;
    expect(JSON.stringify(unauthorized)).toMatch(/Error/);
    // The OpenAI routes are there with OpenAI's fields.
    const images = doc.paths["/v1/images/generations"].post.requestBody.content["application/json"].schema;
    const imagesResolved = images.$ref ? doc.components.schemas[images.$ref.split("/").pop()] : images;
    expect(Object.keys(imagesResolved.properties)).toEqual(expect.arrayContaining(["model", "prompt", "n", "size", "response_format"]));
    // The edit's multipart form, files included.
    const edit = doc.paths["/v1/images/edits"].post.requestBody.content["multipart/form-data"].schema;
    const editResolved = edit.$ref ? doc.components.schemas[edit.$ref.split("/").pop()] : edit;
    expect(Object.keys(editResolved.properties)).toEqual(expect.arrayContaining(["image", "prompt", "model"]));
    // Path ids are parameters.
    expect(doc.paths["/api/media/{id}"].get.parameters.map((p: Json) => p.name)).toContain("id");
  });

  it("gives every key route its success answer with a body schema, from a table that covers exactly the key routes", async () => {
    const doc = await (await api("/api/openapi.json")).json<Json>();
    const reachable = keyRoutes(createApp());
    expect(Object.keys(KEY_ROUTE_ANSWERS).sort()).toEqual([...reachable].sort());
    for (const route of reachable) {
      const [method, path] = route.split(" ") as [string, string];
      const responses = doc.paths[path][method].responses as Json;
      const success = Object.keys(responses).filter((status) => status.startsWith("2"));
      expect(success.length, route).toBeGreaterThan(0);
      for (const status of success) {
        if (status === "204") continue;
        const content = responses[status].content as Json;
        expect(Object.keys(content), route).toHaveLength(1);
      }
    }
    // A job as the API answers it: its fields and the media inside, typed.
    const job = doc.paths["/api/generations/{id}"].get.responses["200"].content["application/json"].schema.properties.job;
    expect(job.required).toEqual(expect.arrayContaining(["id", "status", "cost", "media", "createdAt"]));
    expect(job.properties.status.enum).toEqual(expect.arrayContaining(["queued", "succeeded", "failed"]));
    expect(job.properties.media.items.properties.url.type).toBe("string");
    const images = doc.paths["/v1/images/generations"].post.responses["200"].content["application/json"].schema;
    expect(Object.keys(images.properties)).toEqual(expect.arrayContaining(["created", "data"]));
    expect(doc.paths["/api/credits"].get.responses["200"].content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["available", "held", "debt", "flagged"]),
    );
  });
});
