// `grant <email> <role>`: the console's role change (workers/auth/staff-actions.ts `changeRole`) from a
// shell, so the first admin can exist without any HTTP route able to make one.
import { execute } from "./d1.mjs";
import { int, newId, text } from "./sql.mjs";

/** The audit log's name for this change, the console's (`user.role.change`), so one filter finds both. */
const ACTION = "user.role.change";
/** Who the audit row names: no person signed in, the shell did it. */
const CLI_ACTOR = "cli";

/** Thrown for a change the rules refuse: the message is for the person at the shell. */
export class Refusal extends Error {}

const activeAdminOtherThan = (id) =>
  `EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND deleted_at IS NULL AND suspended_at IS NULL AND id != ${text(id)})`;

/** The account with the address (deleted ones too, to say so), whether it has two-factor on, and whether another active admin exists. */
function lookup(target, email) {
  const [rows] = execute(
    target,
    `SELECT u.id, u.role, u.deleted_at, u.suspended_at,
       EXISTS (SELECT 1 FROM totp_credentials t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL) AS two_factor,
       EXISTS (SELECT 1 FROM users o WHERE o.role = 'admin' AND o.deleted_at IS NULL AND o.suspended_at IS NULL AND o.id != u.id) AS other_admin
     FROM users u WHERE u.email = ${text(email)}`,
  );
  return rows[0] ?? null;
}

/**
 * The change as one command: the role (only if still as read, and, when it demotes an active admin,
 * only while another active admin exists), the audit row, and the end of every live session with
 * the reason `role_changed` (revokeAllSessionsQuery), each after the one before took effect.
 */
function changeStatements(user, role, reason, now) {
  const auditId = newId(now);
  const demotesActiveAdmin = user.role === "admin" && user.suspended_at === null;
  return `UPDATE users SET role = ${text(role)}
      WHERE id = ${text(user.id)} AND role = ${text(user.role)} AND deleted_at IS NULL${demotesActiveAdmin ? ` AND ${activeAdminOtherThan(user.id)}` : ""}
      RETURNING id;
    INSERT INTO audit_log (id, actor_id, actor_role, action, outcome, status, target_user_id, target_object, reason, request_id, created_at)
      SELECT ${text(auditId)}, ${text(CLI_ACTOR)}, 'admin', ${text(ACTION)}, 'ok', 200, ${text(user.id)}, ${text(`role:${role}`)}, ${text(reason)}, ${text(`cli:${newId(now)}`)}, ${int(now)}
      WHERE EXISTS (SELECT 1 FROM users WHERE id = ${text(user.id)} AND role = ${text(role)});
    UPDATE sessions SET revoked_at = ${int(now)}, revoke_reason = 'role_changed'
      WHERE user_id = ${text(user.id)} AND revoked_at IS NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = ${text(auditId)})
      RETURNING id;`;
}

/** Gives the account with `email` the role `role`; returns the lines to print. Throws `Refusal` for what the rules refuse. */
export function grant(target, { email, role, reason }, now = Date.now()) {
  const user = lookup(target, email);
  if (!user) throw new Refusal(`No account uses ${email}. The person signs up on the site first (and confirms the address).`);
  if (user.deleted_at !== null) throw new Refusal(`The account of ${email} was deleted: it cannot be given a role.`);
  if (user.role === role) return [`${email} already has the role ${role}: nothing changed.`];
  if (user.role === "admin" && user.suspended_at === null && !user.other_admin)
    throw new Refusal(`${email} is the only active admin. Make someone else an admin first.`);

  const [changed, , ended] = execute(target, changeStatements(user, role, reason, now));
  if (changed.length !== 1) throw new Refusal(`Nothing changed: the account of ${email} changed meanwhile. Run the command again.`);
  const lines = [
    `${email} now has the role ${role} (was ${user.role}).`,
    ended.length === 0
      ? "No session was open."
      : `Ended ${ended.length} session${ended.length === 1 ? "" : "s"}: they sign in again under the new role.`,
    `Audit log: ${ACTION} by "${CLI_ACTOR}", reason "${reason}".`,
  ];
  if (user.suspended_at !== null) lines.push("The account is suspended: they cannot sign in until an admin lifts it in the console.");
  if (role !== "user")
    lines.push(
      user.two_factor
        ? "Two-factor sign-in is already on: the console opens after signing in with a code."
        : "Before the console opens they must turn on two-factor sign-in (Account → Security), then sign out and in again with a code.",
    );
  return lines;
}
