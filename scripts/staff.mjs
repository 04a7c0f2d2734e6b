// `npm run staff -- grant <email> <role>` and `npm run staff -- list`: staff roles from a shell,
// on the local state by default or on production with `--remote`. docs/operations.md "First admin".
import { parseArgs } from "node:util";
import { grant, Refusal } from "./staff/grant.mjs";
import { list } from "./staff/list.mjs";
import { cleanReason, normaliseEmail, ROLES } from "./staff/sql.mjs";

const USAGE = `Usage:
  npm run staff -- grant <email> <user|support|admin> [--reason "why"] [--remote | --persist-to <dir>]
  npm run staff -- list [--remote | --persist-to <dir>]

Local state (what \`npm run dev\` uses) by default; --persist-to for another local state directory;
--remote for the production database (wrangler.toml [env.production]).`;

/** Every role change needs a reason in the audit log; this one says where it came from. */
const DEFAULT_REASON = "staff CLI";

function fail(message) {
  console.error(message);
  process.exit(1);
}

function parse(argv) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        remote: { type: "boolean", default: false },
        "persist-to": { type: "string" },
        reason: { type: "string", default: DEFAULT_REASON },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return fail(`${error.message}\n\n${USAGE}`);
  }
}

function main() {
  const { values, positionals } = parse(process.argv.slice(2));
  if (values.help) return console.log(USAGE);
  if (values.remote && values["persist-to"])
    fail("--remote and --persist-to do not go together: one is production, the other a local state.");
  const target = { remote: values.remote, persistTo: values["persist-to"] };
  const where = target.remote ? "production (remote)" : `local state${target.persistTo ? ` in ${target.persistTo}` : ""}`;
  const [command, ...rest] = positionals;

  if (command === "list" && rest.length === 0) {
    console.log(`Staff in ${where}:`);
    for (const line of list(target)) console.log(`  ${line}`);
    return;
  }
  if (command === "grant" && rest.length === 2) {
    const email = normaliseEmail(rest[0]);
    if (!email) fail(`"${rest[0]}" is not an email address an account could have.`);
    const role = rest[1];
    if (!ROLES.includes(role)) fail(`"${role}" is not a role: give one of ${ROLES.join(", ")}.`);
    const reason = cleanReason(values.reason);
    if (!reason) fail("Give a reason of 1 to 500 characters on one line (--reason): it goes into the audit log.");
    console.log(`In ${where}:`);
    for (const line of grant(target, { email, role, reason })) console.log(`  ${line}`);
    return;
  }
  fail(USAGE);
}

try {
  main();
} catch (error) {
  fail(error instanceof Refusal ? error.message : `Failed: ${error.message}`);
}
