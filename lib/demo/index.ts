// The demo estate's accounts and organization: plain data shared by the emulator's demo seed,
// the console's demo configuration (lib/aws/accounts-config.ts), `npm start` and the e2e specs.
export * from './accounts';
