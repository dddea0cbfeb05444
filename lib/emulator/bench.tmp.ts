import { startLatticeLocal } from './index';
import { ListServicesCommand, GetServiceCommand } from '@aws-sdk/client-vpc-lattice';
import { clientsFor } from './test-clients';
(async () => {
  const ll = await startLatticeLocal({ port: 0, seed: 'scale', seedOptions: { accounts: 20, services: 10000 }, activationDelayMs: 0 });
  const acct = ll.store.accounts()[1]!;
  const { lattice } = clientsFor(ll.url, acct);
  const svcs = (await lattice.send(new ListServicesCommand({ maxResults: 100 }))).items!;
  let t = performance.now();
  for (let k = 0; k < 50; k++) await lattice.send(new ListServicesCommand({ maxResults: 100 }));
  console.log('ListServices ms/page', ((performance.now() - t) / 50).toFixed(2));
  t = performance.now();
  const N = 3000; let i = 0;
  await Promise.all(Array.from({ length: 8 }, async () => { while (i < N) { const s = svcs[i++ % svcs.length]!; await lattice.send(new GetServiceCommand({ serviceIdentifier: s.id! })); } }));
  console.log('GetService x8 rps', Math.round(N / ((performance.now() - t) / 1000)));
  await ll.stop();
})();
