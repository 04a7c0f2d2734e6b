import { describe, expect, it } from "vitest";
import { publicUrlFor } from "../../workers/lib/public-url";

describe("publicUrlFor", () => {
  const development = { ENVIRONMENT: "development", PUBLIC_URL: "http://localhost:8787" };

  it("follows the request's origin in local development, so outbox links open the running app", () => {
    expect(publicUrlFor(development, "http://127.0.0.1:5173/api/auth/signup")).toBe("http://127.0.0.1:5173");
    expect(publicUrlFor(development, "http://localhost:8801/x")).toBe("http://localhost:8801");
  });

  it("is PUBLIC_URL in production and for any host that is not this machine", () => {
    expect(publicUrlFor({ ENVIRONMENT: "production", PUBLIC_URL: "https://ausar.example" }, "http://localhost:8787/x")).toBe(
      "https://ausar.example",
    );
    expect(publicUrlFor(development, "https://preview.example/x")).toBe("http://localhost:8787");
  });
});
