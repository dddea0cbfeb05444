// The same e2e run with approval required: specs named *.approval.spec.ts, which need a
// console where an approver must approve a plan before it is applied.
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import base from './playwright.config';

type Server = Exclude<NonNullable<PlaywrightTestConfig['webServer']>, unknown[]>;
const server = base.webServer as Server;

export default defineConfig({
  ...base,
  testIgnore: [],
  testMatch: ['**/*.approval.spec.ts'],
  webServer: { ...server, env: { ...server.env, TRELLIS_REQUIRE_APPROVAL: 'true' } },
});
