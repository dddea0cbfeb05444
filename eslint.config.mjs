import next from 'eslint-config-next';

export default [
  ...next,
  { ignores: ['.next/**', 'node_modules/**', '.trellis/**', 'lib/db/migrations/**', 'test-results/**'] },
];
