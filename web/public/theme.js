// Runs before the first paint (a blocking script in <head>, allowed by the CSP because it is a
// same-origin file): applies a dark/light choice saved in localStorage so the page does not flash.
try {
  const theme = localStorage.getItem("ausar.theme");
  if (theme === "dark" || theme === "light") document.documentElement.dataset.theme = theme;
} catch {
  // storage can be blocked (private mode, site settings): the default theme applies
}
