// `list`: who has a staff role, and whether they can open the console.
import { execute } from "./d1.mjs";

/** The lines to print: one per support or admin account (deleted ones included, marked), admins first. */
export function list(target) {
  const [rows] = execute(
    target,
    `SELECT u.email, u.role, u.deleted_at, u.suspended_at,
       EXISTS (SELECT 1 FROM totp_credentials t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL) AS two_factor
     FROM users u WHERE u.role != 'user' ORDER BY u.role = 'admin' DESC, u.email`,
  );
  if (rows.length === 0) return ["No staff yet. Make the first admin with: npm run staff -- grant <email> admin"];
  return rows.map((row) => {
    const state = row.deleted_at !== null ? "deleted" : row.suspended_at !== null ? "suspended" : "active";
    const twoFactor = row.two_factor ? "two-factor on" : "two-factor not on yet (console closed)";
    return `${row.role.padEnd(7)} ${row.email}  ${state}, ${twoFactor}`;
  });
}
