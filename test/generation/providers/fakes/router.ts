import type { Fetcher } from "../../../../workers/generation/providers/http/call";

/** One route of a fake service: a method, a URLPattern and what to answer. */
export interface FakeRoute {
  method: string;
  pattern: URLPattern;
  handle(request: Request, params: Record<string, string | undefined>): Response | Promise<Response>;
}

/** A recorded call, for assertions (headers are copied; bodies are read by the handlers). */
export interface FakeCall {
  method: string;
  url: string;
  headers: Headers;
}

/**
 * An injected `fetch` that dispatches to routes. A request no route takes fails the way an
 * unreachable host does (a rejected promise), so a test can never fall through to the internet.
 */
export function fakeFetch(routes: FakeRoute[], calls: FakeCall[]): Fetcher {
  return async (request) => {
    calls.push({ method: request.method, url: request.url, headers: new Headers(request.headers) });
    if (request.signal.aborted) throw request.signal.reason;
    for (const route of routes) {
      if (route.method !== request.method) continue;
      const match = route.pattern.exec(request.url);
      if (match) return route.handle(request, { ...match.pathname.groups });
    }
    throw new TypeError(`fake network: nothing answers ${request.method} ${request.url}`);
  };
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** Files served by a fake CDN: put bytes at a URL; anything else is a 404. */
export class FakeCdn {
  readonly files = new Map<string, { bytes: Uint8Array; contentType: string }>();

  /** Serves these bytes at this URL. */
  put(url: string, bytes: Uint8Array, contentType: string): void {
    this.files.set(url, { bytes, contentType });
  }

  /** The route answering every GET on a host. */
  route(origin: string): FakeRoute {
    return {
      method: "GET",
      pattern: new URLPattern(`${origin}/*`),
      handle: (request) => {
        const file = this.files.get(request.url);
        if (!file) return new Response("<html>Not Found</html>", { status: 404, headers: { "content-type": "text/html" } });
        return new Response(file.bytes, {
          headers: { "content-type": file.contentType, "content-length": String(file.bytes.byteLength) },
        });
      },
    };
  }
}
