import { env } from "cloudflare:workers";
import { signUp, type TestUser } from "../support/users";

/** A signed-up person with a role, for staff-route tests. */
export interface StaffUser extends TestUser {
  role: "user" | "support" | "admin";
}

/**
 * Signs up a person and gives them `role` directly in D1 (no HTTP route can). With
 * `secondFactor`, their session is marked as having proved a second factor, which the staff
 * guard requires.
 */
export async function staffUser(role: StaffUser["role"], options: { secondFactor?: boolean } = {}): Promise<StaffUser> {
  const user = await signUp();
  await env.DB.prepare("UPDATE users SET role = ?1 WHERE id = ?2").bind(role, user.userId).run();
  if (options.secondFactor ?? true) {
    await env.DB.prepare("UPDATE sessions SET second_factor_at = ?1 WHERE user_id = ?2").bind(Date.now(), user.userId).run();
  }
  return { ...user, role };
}
