// The whole schema. A new area adds its tables in a new file here, exports it below and runs
// `npm run db:generate` to write the migration (see lib/db/README.md).
export * from './users';
export * from './api-tokens';
export * from './audit';
export * from './sign-in-failures';
export * from './topology';
export * from './design-plans';
export * from './estate-refreshes';
