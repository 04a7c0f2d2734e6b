import { spawnSync } from "node:child_process";
import { delimiter, resolve } from "node:path";
import { Secret, TOTP } from "otpauth";

/**
 * Makes the signed-up `email` an admin with two-factor enrolled and proved on their session,
 * straight in the dev server's D1 (the staff CLI and the enrolment flow have their own tests);
 * returns a TOTP generator for the secret.
 */
export function makeAdmin(persist: string, email: string): TOTP {
  const secret = new Secret({ size: 20 }).base32;
  const now = Date.now();
  const sql = `UPDATE users SET role = 'admin' WHERE email = '${email}';
    INSERT INTO totp_credentials (user_id, secret, enabled_at, last_step, created_at) SELECT id, '${secret}', ${now}, 0, ${now} FROM users WHERE email = '${email}';
    UPDATE sessions SET second_factor_at = ${now} WHERE user_id = (SELECT id FROM users WHERE email = '${email}');`;
  const run = spawnSync("node_modules/.bin/wrangler", ["d1", "execute", "DB", "--local", "--persist-to", persist, "--command", sql], {
    encoding: "utf8",
    env: { ...process.env, PATH: `${resolve("node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`, CI: "true" },
  });
  if (run.status !== 0) throw new Error(`d1 execute failed:\n${run.stdout}\n${run.stderr}`);
  return new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}
