import { useEffect, useRef } from "hono/jsx/dom";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { UsageDay } from "../../../../shared/usage";

/** A token colour as the canvas needs it: CSS resolves `var(--accent)` (and `light-dark()`) to rgb. */
function tokenColour(host: HTMLElement, token: string): string {
  const probe = document.createElement("span");
  probe.style.color = `var(${token})`;
  host.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

/** Local midnight of a `YYYY-MM-DD` day, in seconds (uPlot's time unit). */
function dayStart(day: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime() / 1000;
}

/**
 * Credits spent per day as bars, generations as a line on their own scale. Drawn on a canvas,
 * so it is hidden from screen readers; the page gives the same numbers as a table.
 */
export function UsageChart(props: { days: UsageDay[] }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const accent = tokenColour(el, "--accent");
    const muted = tokenColour(el, "--text-muted");
    const grid = tokenColour(el, "--border");
    const text = tokenColour(el, "--text");
    // Whole numbers only: there is no half a credit or half a generation.
    const counts = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];
    const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const halfDay = 12 * 60 * 60;
    const data: uPlot.AlignedData = [
      props.days.map((d) => dayStart(d.day)),
      props.days.map((d) => d.credits),
      props.days.map((d) => d.generations),
    ];
    const chart = new uPlot(
      {
        width: el.clientWidth,
        height: 240,
        legend: { show: true, live: false },
        cursor: { y: false },
        // Half a day of room at each end, so the first and last bars are whole.
        scales: {
          x: { time: true, range: (_u, min, max) => [min - halfDay, max + halfDay] },
          credits: { auto: true, range: (_u, _min, max) => [0, Math.max(1, max)] },
          generations: { range: (_u, _min, max) => [0, Math.max(1, max)] },
        },
        axes: [
          {
            ...axis,
            values: (_u, ticks) => ticks.map((t) => new Date(t * 1000).toLocaleDateString(undefined, { month: "short", day: "numeric" })),
          },
          { ...axis, scale: "credits", incrs: counts, label: "Credits", labelFont: "12px system-ui", font: "12px system-ui" },
          {
            ...axis,
            scale: "generations",
            incrs: counts,
            side: 1,
            grid: { show: false },
            label: "Generations",
            font: "12px system-ui",
            labelFont: "12px system-ui",
          },
        ],
        series: [
          {},
          {
            label: "Credits",
            scale: "credits",
            stroke: accent,
            fill: accent,
            paths: uPlot.paths.bars?.({ size: [0.6, 32] }),
            points: { show: false },
          },
          { label: "Generations", scale: "generations", stroke: text, width: 2, points: { show: true, size: 5 } },
        ],
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: el.clientWidth, height: 240 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [props.days]);
  return <div class="usage-chart" ref={host} aria-hidden="true" />;
}
