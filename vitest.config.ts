import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const shared = {
  resolve: {
    alias: {
      '@/': root,
      // `server-only` throws outside the React server bundle; tests run lib code directly.
      'server-only': fileURLToPath(new URL('./lib/testing/empty.ts', import.meta.url)),
    },
  },
};

// Each test runs in the project its needs decide: `unit` needs nothing running; `db` opens a
// database (lib/db, and `*.db.test.ts` anywhere; it may start lattice-local too); `emulator`
// starts lattice-local (lib/emulator, and `*.emulator.test.ts` anywhere). ESLint refuses a
// unit test that imports lattice-local or the database. Timeouts are generous: CI runs on a
// loaded two-core machine, where scrypt or a sharing plan can take seconds; none asserts speed.
const DB_TESTS = ['lib/db/**/*.test.ts', '**/*.db.test.ts'];
const EMULATOR_TESTS = ['lib/emulator/**/*.test.ts', '**/*.emulator.test.ts'];

export default defineConfig({
  test: {
    projects: [
      { ...shared, test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'], exclude: [...DB_TESTS, ...EMULATOR_TESTS, 'node_modules/**'], environment: 'node', testTimeout: 30000 } },
      { ...shared, test: { name: 'db', include: DB_TESTS, exclude: ['node_modules/**'], environment: 'node', fileParallelism: false, testTimeout: 120000, hookTimeout: 120000 } },
      { ...shared, test: { name: 'emulator', include: EMULATOR_TESTS, exclude: ['node_modules/**'], environment: 'node', testTimeout: 30000, hookTimeout: 60000 } },
    ],
  },
});
