import next from 'eslint-config-next';

// ---- The layers (README, "How it is built"), kept by `no-restricted-imports` ----------------
// ESLint takes a rule's options from the last block whose `files` match, so each block below
// lists every restriction its files are under, and more specific blocks come later.

const SDK = {
  group: ['@aws-sdk/*', '@smithy/*'],
  message: 'Only lib/aws talks to AWS (lattice-local aside): call a reader or writer of lib/aws.',
};
const DATABASE = {
  group: ['drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/pglite', '@electric-sql/pglite/*'],
  message: 'Only lib/db knows SQL: call a repository of lib/db.',
};
const EMULATOR = {
  group: ['@/lib/emulator', '@/lib/emulator/**', '**/lib/emulator', '**/lib/emulator/**', '../emulator', '../emulator/**', '../../emulator', '../../emulator/**'],
  message: 'lattice-local is imported only by its own code, tests, lib/testing and scripts: the console reaches it through the SDK, as it reaches AWS.',
};
const UI = {
  group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'next', 'next/*', 'next-auth', 'next-auth/*', '@xyflow/*', '@tanstack/*'],
  message: 'The domain (lib/topology, lib/access, lib/plan, lib/models) is plain TypeScript: no React or Next.',
};
const DB_MODULES = {
  group: ['@/lib/db', '@/lib/db/**', '**/lib/db', '**/lib/db/**'],
  message: 'Components do not read the database: fetch from an /api route (its wire types beside the route or in the lib face).',
};
const NEIGHBOUR_ROUTE = {
  group: ['./*', '../*', '../../*', '../../../*', '../../../../*', '!./dto', '!../dto'],
  message: 'A route does not import another route\'s module: what they share belongs in lib (a route folder\'s wire types in its dto.ts are the exception).',
};
const NEEDS_RUNNING = {
  group: ['@/lib/emulator', '@/lib/emulator/**', '@/lib/testing/lattice-local', '@/lib/testing/local-estate', '@/lib/db', '@/lib/db/**'],
  message: 'A unit test needs nothing running: name it *.emulator.test.ts when it starts lattice-local, *.db.test.ts when it opens a database (vitest.config.ts puts it in that project).',
};

const restrict = (...patterns) => ['error', { patterns }];
const SOURCES = ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs', '**/*.cjs'];
const TESTS = ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'lib/testing/**', 'scripts/**', 'playwright.config.ts', 'vitest.config.ts'];
const DOMAIN = ['lib/topology/**', 'lib/access/**', 'lib/iac/**', 'lib/cost/**', 'lib/plan/**', 'lib/models/**', 'lib/canonical/**', 'lib/demo/**'];
const UNIT_EXCLUDED = ['lib/db/**', 'lib/emulator/**', '**/*.db.test.ts', '**/*.emulator.test.ts'];
const testsUnder = (globs) => globs.map((g) => g.replace(/\*\*$/, '**/*.test.ts'));

const layers = [
  { files: SOURCES, rules: { 'no-restricted-imports': restrict(SDK, DATABASE, EMULATOR) } },
  { files: ['lib/aws/**'], rules: { 'no-restricted-imports': restrict(DATABASE, EMULATOR) } },
  { files: ['lib/db/**'], rules: { 'no-restricted-imports': restrict(SDK, EMULATOR) } },
  { files: ['lib/emulator/**'], rules: { 'no-restricted-imports': restrict(DATABASE, DB_MODULES) } },
  { files: ['app/api/**'], rules: { 'no-restricted-imports': restrict(SDK, DATABASE, EMULATOR, NEIGHBOUR_ROUTE) } },
  { files: ['components/**'], rules: { 'no-restricted-imports': restrict(SDK, DATABASE, EMULATOR, DB_MODULES) } },
  { files: DOMAIN, rules: { 'no-restricted-imports': restrict(SDK, DATABASE, EMULATOR, UI) } },
  // Tests, test helpers and scripts may drive lattice-local and the SDK directly.
  { files: TESTS, rules: { 'no-restricted-imports': restrict(DATABASE) } },
  { files: testsUnder(DOMAIN), rules: { 'no-restricted-imports': restrict(DATABASE, UI) } },
  // Unit tests start nothing (vitest.config.ts: the db and emulator projects take the others).
  { files: ['lib/**/*.test.ts', 'components/**/*.test.ts'], ignores: UNIT_EXCLUDED, rules: { 'no-restricted-imports': restrict(DATABASE, NEEDS_RUNNING) } },
  { files: testsUnder(DOMAIN), ignores: UNIT_EXCLUDED, rules: { 'no-restricted-imports': restrict(DATABASE, UI, NEEDS_RUNNING) } },
  { files: ['lib/db/**/*.test.ts'], rules: { 'no-restricted-imports': 'off' } },
];

const config = [
  ...next,
  { ignores: ['.next*/**', 'node_modules/**', '.trellis*/**', 'lib/db/migrations/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  ...layers,
];

export default config;
