// The first view of a console that has never discovered: e2e/first-view.spec.ts alone, against
// a console of its own (fresh data directory), since any other spec would discover first.
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import base from './playwright.config';

type Server = Exclude<NonNullable<PlaywrightTestConfig['webServer']>, unknown[]>;
const server = base.webServer as Server;

export default defineConfig({
  ...base,
  testIgnore: [],
  testMatch: ['**/first-view.spec.ts'],
  webServer: { ...server, command: server.command.replace(/--data-dir (\S+)/, '--data-dir $1-first-view') },
});
