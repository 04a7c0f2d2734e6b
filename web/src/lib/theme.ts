import { LOCAL_KEYS, readLocal, writeLocal } from "./local";
import { createStore } from "./store";

export type ThemeChoice = "system" | "dark" | "light";
export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "dark", "light"];

function isThemeChoice(value: string | null): value is ThemeChoice {
  return value !== null && (THEME_CHOICES as readonly string[]).includes(value);
}

/** The chosen theme; "system" follows `prefers-color-scheme`. */
export const themeStore = createStore<ThemeChoice>(
  ((): ThemeChoice => {
    const stored = readLocal(LOCAL_KEYS.theme);
    return isThemeChoice(stored) ? stored : "system";
  })(),
);

/** Puts the choice on `<html data-theme>`, which the token stylesheet reads. */
function applyTheme(choice: ThemeChoice): void {
  if (choice === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

/** Applies the stored theme now and whenever it changes. */
export function startTheme(): void {
  applyTheme(themeStore.get());
  themeStore.subscribe(() => applyTheme(themeStore.get()));
}

/** Sets and remembers a theme choice ("system" removes the key: the default needs no storage). */
export function setTheme(choice: ThemeChoice): void {
  writeLocal(LOCAL_KEYS.theme, choice === "system" ? null : choice);
  themeStore.set(choice);
}
