import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a migration for any change to lib/db/schema. Migrations are
// committed and applied by the console at start-up (lib/db/client.ts); no database is needed
// to generate them.
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema/index.ts',
  out: './lib/db/migrations',
  strict: true,
  verbose: true,
});
