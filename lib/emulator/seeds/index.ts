// Seeds: the estates lattice-local can start with. They build everything through
// callOperation, exactly as a client would, plus the store helpers for what no API creates.
import type { LocalContext } from '../services/types';
import { applyDemoSeed, describeDemoAccounts } from './demo';
import { applyScaleSeed } from './scale';

export type SeedName = 'demo' | 'empty' | 'scale';

export const SEED_NAMES: readonly SeedName[] = ['demo', 'empty', 'scale'];

export interface SeedOptions {
  /** scale: how many accounts (a hub and application accounts); default 20. */
  accounts?: number;
  /** scale: how many services, up to 10,000; default 2000. */
  services?: number;
}

export async function applySeed(ctx: LocalContext, name: SeedName, opts: SeedOptions = {}): Promise<void> {
  switch (name) {
    case 'empty':
      return;
    case 'demo':
      applyDemoSeed(ctx);
      ctx.log('info', describeDemoAccounts());
      return;
    case 'scale': {
      const plan = applyScaleSeed(ctx, opts.accounts, opts.services);
      ctx.log('info', `Scale estate: ${plan.totalServices} services in ${plan.applications.length} application accounts (${plan.applications[0]}…), ${plan.serviceNetworks} service networks owned by ${plan.hub}; access key = account id, secret "test".`);
      return;
    }
    default:
      throw new Error(`unknown seed "${String(name)}" (known: ${SEED_NAMES.join(', ')})`);
  }
}

export { describeDemoAccounts };
