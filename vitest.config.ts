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

export default defineConfig({
  test: {
    projects: [
      { ...shared, test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.ts'], exclude: ['lib/db/**', 'lib/emulator/**', 'node_modules/**'], environment: 'node' } },
      { ...shared, test: { name: 'db', include: ['lib/db/**/*.test.ts'], environment: 'node', fileParallelism: false, testTimeout: 30000, hookTimeout: 60000 } },
      { ...shared, test: { name: 'emulator', include: ['lib/emulator/**/*.test.ts'], environment: 'node', testTimeout: 30000, hookTimeout: 60000 } },
    ],
  },
});
