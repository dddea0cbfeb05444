import next from 'eslint-config-next';

const config = [
  ...next,
  { ignores: ['.next*/**', 'node_modules/**', '.trellis*/**', 'lib/db/migrations/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
];

export default config;
