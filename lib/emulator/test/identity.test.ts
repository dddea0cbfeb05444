// Identity: SigV4 verified on every request; unknown keys, wrong signatures and expired
// session tokens refused in each protocol's words; AssumeRole acting in the target account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as L from '@aws-sdk/client-vpc-lattice';
import * as R from '@aws-sdk/client-ram';
import * as E from '@aws-sdk/client-ec2';
import * as S from '@aws-sdk/client-sts';
import { clientsFor, errorOf, type Clients } from '@/lib/testing/clients';
import { startHarness, type Harness } from '@/lib/testing/lattice-local';
import { ensureRole } from './support/identities';

const HOME = '170000000001';
const TARGET = '170000000002';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

describe('credentials', () => {
  it('refuses a wrong secret: InvalidSignatureException (REST-JSON), SignatureDoesNotMatch (query)', async () => {
    const bad = h.clients({ accessKeyId: HOME, secretAccessKey: 'not-the-secret' });
    for (const call of [() => bad.lattice.send(new L.ListServicesCommand({})), () => bad.ram.send(new R.ListResourceTypesCommand({}))]) {
      const error = await errorOf(call);
      expect(error.name).toBe('InvalidSignatureException');
      expect(error.$metadata?.httpStatusCode).toBe(403);
    }
    for (const call of [() => bad.sts.send(new S.GetCallerIdentityCommand({})), () => bad.ec2.send(new E.DescribeVpcsCommand({}))]) {
      const error = await errorOf(call);
      expect(error.name).toBe('SignatureDoesNotMatch');
      expect(error.$metadata?.httpStatusCode).toBe(403);
    }
  });

  it('refuses an access key it does not know', async () => {
    const unknown = h.clients({ accessKeyId: 'NOTAKEYATALL', secretAccessKey: 'test' });
    for (const call of [() => unknown.lattice.send(new L.ListServicesCommand({})), () => unknown.ram.send(new R.ListResourceTypesCommand({}))]) {
      const error = await errorOf(call);
      expect(error.name).toBe('UnrecognizedClientException');
      expect(error.$metadata?.httpStatusCode).toBe(403);
    }
    const sts = await errorOf(() => unknown.sts.send(new S.GetCallerIdentityCommand({})));
    expect(sts.name).toBe('InvalidClientTokenId');
  });

  it('acts in the target account with assumed-role keys, and refuses them once expired', async () => {
    const home = h.clients(HOME);
    await ensureRole(h.server.context, TARGET, 'TrellisConsole', HOME);
    const assumed = await home.sts.send(new S.AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TARGET}:role/TrellisConsole`, RoleSessionName: 'identity-test', DurationSeconds: 900 }));
    const creds = assumed.Credentials!;
    expect(creds.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.Expiration!.getTime()).toBeGreaterThan(Date.now());
    const asTarget = h.clients({ accessKeyId: creds.AccessKeyId!, secretAccessKey: creds.SecretAccessKey!, sessionToken: creds.SessionToken! });
    const who = await asTarget.sts.send(new S.GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: TARGET, Arn: `arn:aws:sts::${TARGET}:assumed-role/TrellisConsole/identity-test` });
    const info = await home.sts.send(new S.GetAccessKeyInfoCommand({ AccessKeyId: creds.AccessKeyId! }));
    expect(info.Account).toBe(TARGET);

    const sn = await asTarget.lattice.send(new L.CreateServiceNetworkCommand({ name: 'made-by-assumed-role' }));
    expect(sn.arn).toContain(`:${TARGET}:servicenetwork/`);
    const ownList = await h.clients(TARGET).lattice.send(new L.ListServiceNetworksCommand({}));
    expect(ownList.items?.map((i) => i.arn)).toContain(sn.arn);
    const homeList = await home.lattice.send(new L.ListServiceNetworksCommand({}));
    expect(homeList.items?.map((i) => i.arn) ?? []).not.toContain(sn.arn);

    // Without its session token the key means nothing.
    const tokenless = h.clients({ accessKeyId: creds.AccessKeyId!, secretAccessKey: creds.SecretAccessKey! });
    expect((await errorOf(() => tokenless.lattice.send(new L.ListServicesCommand({})))).name).toBe('UnrecognizedClientException');

    // Fifteen minutes later: move the session's expiry into the past.
    const key = `sts-session/${creds.AccessKeyId}`;
    const session = h.server.store.get(key)!;
    h.server.store.transaction(() => h.server.store.put({ ...session, expiration: Date.now() - 1000 }));
    const lattice = await errorOf(() => asTarget.lattice.send(new L.ListServicesCommand({})));
    expect(lattice.name).toBe('ExpiredTokenException');
    expect(lattice.$metadata?.httpStatusCode).toBe(403);
    const ram = await errorOf(() => asTarget.ram.send(new R.ListResourceTypesCommand({})));
    expect(ram.name).toBe('ExpiredTokenException');
    const sts = await errorOf(() => asTarget.sts.send(new S.GetCallerIdentityCommand({})));
    expect(sts.name).toBe('ExpiredToken');
  });

  it('refuses an unsigned request', async () => {
    const res = await fetch(`${h.url}/services`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^MissingAuthenticationToken/);
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('sees only its own account without a share', async () => {
    const a: Clients = h.clients('170000000011');
    const b: Clients = clientsFor(h.url, '170000000012');
    const sn = await a.lattice.send(new L.CreateServiceNetworkCommand({ name: 'private-network' }));
    expect((await b.lattice.send(new L.ListServiceNetworksCommand({}))).items ?? []).toEqual([]);
    const byId = await errorOf(() => b.lattice.send(new L.GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.id! })));
    expect(byId.name).toBe('ResourceNotFoundException');
    const byArn = await errorOf(() => b.lattice.send(new L.DeleteServiceNetworkCommand({ serviceNetworkIdentifier: sn.arn! })));
    expect(byArn.name).toBe('AccessDeniedException');
    b.lattice.destroy();
  });
});
