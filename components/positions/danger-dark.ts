/**
 * Dark text on the danger buttons in dark mode: the dark theme's loss red is light, and
 * the shared danger variant's white text on it misses WCAG AA contrast (2.8:1).
 */
export const DANGER_DARK = "dark:text-bg";
