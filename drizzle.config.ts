import { defineConfig } from "drizzle-kit";

// Flat `migrations/NNNN_name.sql` files: the layout `wrangler d1 migrations apply` and
// `readD1Migrations` both read (drizzle-kit 0.31.x).
export default defineConfig({
  dialect: "sqlite",
  schema: "./workers/db/schema/*.ts",
  out: "./migrations",
});
