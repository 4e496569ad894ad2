import { defineConfig } from 'drizzle-kit';

/*
 * `npx drizzle-kit generate` turns the schema files into the next SQL migration. Every module that
 * stores tables adds its own `*.schema.ts` to the schema folder; all migrations share one folder and
 * one journal, applied in order at boot and by `npm run db:migrate`.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/history/database/schema',
  out: './src/history/database/migrations',
});
