import { useId } from "hono/jsx/dom";
import { useStore } from "../lib/store";
import { setTheme, THEME_CHOICES, type ThemeChoice, themeStore } from "../lib/theme";
import { MonitorIcon, MoonIcon, SunIcon } from "./icons";

const LABELS: Record<ThemeChoice, string> = { system: "System", dark: "Dark", light: "Light" };
const ICONS = { system: MonitorIcon, dark: MoonIcon, light: SunIcon };

/** System / dark / light as a segmented radio group (arrow keys move between the options). */
export function ThemeToggle(props: { compact?: boolean }) {
  const current = useStore(themeStore);
  const name = useId();
  return (
    <fieldset class={`segmented${props.compact ? " segmented-compact" : ""}`}>
      <legend class="visually-hidden">Theme</legend>
      {THEME_CHOICES.map((choice) => {
        const Icon = ICONS[choice];
        return (
          <label key={choice} class="segmented-option" title={LABELS[choice]}>
            <input type="radio" name={name} value={choice} checked={current === choice} onChange={() => setTheme(choice)} />
            <Icon size={16} />
            <span class={props.compact ? "visually-hidden" : ""}>{LABELS[choice]}</span>
          </label>
        );
      })}
    </fieldset>
  );
}
