import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

// WCAG AA: text needs 4.5:1 against what it sits on, in both themes. The pairs are the ones the
// stylesheets actually use for text; the colours come straight from the token stylesheet.
const PAIRS: [string, string][] = [
  ["text", "bg"],
  ["text", "surface-1"],
  ["text", "surface-2"],
  ["text", "accent-soft"],
  ["text", "warning-soft"],
  ["text-muted", "bg"],
  ["text-muted", "surface-1"],
  ["text-muted", "surface-2"],
  ["text-muted", "surface-3"],
  ["text-subtle", "bg"],
  ["text-subtle", "surface-1"],
  ["text-subtle", "surface-2"],
  ["accent", "bg"],
  ["accent", "surface-1"],
  ["accent", "surface-2"],
  ["accent", "accent-soft"],
  ["on-accent", "accent"],
  ["on-accent", "accent-hover"],
  ["danger", "surface-1"],
  ["danger", "surface-2"],
  ["danger", "danger-soft"],
  ["success", "success-soft"],
  ["warning", "warning-soft"],
];

function tokens(): Map<string, [light: string, dark: string]> {
  const css = readFileSync("web/src/styles/tokens.css", "utf8");
  const found = new Map<string, [string, string]>();
  for (const m of css.matchAll(/--([\w-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/g)) {
    found.set(m[1] ?? "", [m[2] ?? "", m[3] ?? ""]);
  }
  return found;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

it("keeps every text colour pair at WCAG AA (4.5:1) in the light and the dark theme", () => {
  const t = tokens();
  const low: string[] = [];
  for (const [fg, bg] of PAIRS) {
    const f = t.get(fg);
    const b = t.get(bg);
    expect(f && b, `${fg} / ${bg} defined with light-dark()`).toBeTruthy();
    if (!f || !b) continue;
    ["light", "dark"].forEach((theme, i) => {
      const ratio = contrast(f[i] ?? "", b[i] ?? "");
      if (ratio < 4.5) low.push(`${theme}: ${fg} on ${bg} = ${ratio.toFixed(2)}`);
    });
  }
  expect(low).toEqual([]);
});
