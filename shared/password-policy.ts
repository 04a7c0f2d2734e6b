/**
 * Password length limits, kept apart from the zod schemas in `auth.ts` so the web app can show
 * them without bundling zod into its pages.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
