import { AssumeRoleCommand, GetAccessKeyInfoCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CreateServiceNetworkCommand, ListServiceNetworksCommand } from '@aws-sdk/client-vpc-lattice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN_HEADERS, type LatticeLocal, startLatticeLocal } from '../../index';
import { clientsFor, errorOf } from '@/lib/testing/clients';
import { ensureRole } from '../../test/support/identities';

const DENIED = 'arn:aws:iam::333333333333:role/wrong-role';
let ll: LatticeLocal;
beforeAll(async () => {
  ll = await startLatticeLocal({ port: 0, activationDelayMs: 0, deniedRoles: [DENIED] });
});
afterAll(() => ll.stop());

describe('STS', () => {
  it('answers GetCallerIdentity for an account key', async () => {
    const out = await clientsFor(ll.url, '111111111111').sts.send(new GetCallerIdentityCommand({}));
    expect([out.Account, out.Arn, out.UserId]).toEqual(['111111111111', 'arn:aws:iam::111111111111:root', '111111111111']);
  });

  it('assumes a role into another account, whose keys then act there', async () => {
    const hub = clientsFor(ll.url, '222222222222');
    const sn = await hub.lattice.send(new CreateServiceNetworkCommand({ name: 'hub-only' }));
    const { sts } = clientsFor(ll.url, '111111111111');
    await ensureRole(ll.context, '222222222222', 'TrellisReadOnly', '111111111111');
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/TrellisReadOnly', RoleSessionName: 'trellis-discovery' }));
    const creds = assumed.Credentials!;
    expect(creds.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.SecretAccessKey).toMatch(/^[A-Za-z0-9]{20,}$/);
    expect(creds.SessionToken!.length).toBeGreaterThan(100);
    expect(creds.Expiration!.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
    expect(assumed.AssumedRoleUser).toEqual({
      Arn: 'arn:aws:sts::222222222222:assumed-role/TrellisReadOnly/trellis-discovery',
      AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}:trellis-discovery$/),
    });
    const as = clientsFor(ll.url, { accessKeyId: creds.AccessKeyId!, secretAccessKey: creds.SecretAccessKey!, sessionToken: creds.SessionToken! });
    const who = await as.sts.send(new GetCallerIdentityCommand({}));
    expect([who.Account, who.Arn]).toEqual(['222222222222', 'arn:aws:sts::222222222222:assumed-role/TrellisReadOnly/trellis-discovery']);
    expect((await as.lattice.send(new ListServiceNetworksCommand({}))).items!.map((i) => i.id)).toEqual([sn.id]);
    expect((await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: creds.AccessKeyId! }))).Account).toBe('222222222222');
  });

  it('refuses a denied role with AccessDenied, and a malformed role ARN', async () => {
    const { sts } = clientsFor(ll.url, '111111111111');
    const denied = await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: DENIED, RoleSessionName: 'x1' })));
    expect([denied.name, denied.$metadata?.httpStatusCode]).toEqual(['AccessDenied', 403]);
    expect(denied.message).toContain(DENIED);
    const bad = await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::12:role/short-account', RoleSessionName: 'x1' })));
    expect(bad.name).toBe('ValidationError');
    const invalid = await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111111111111:role/r', RoleSessionName: 'x', DurationSeconds: 60 })));
    expect(invalid.name).toBe('ValidationError');
    expect(invalid.message).toMatch(/RoleSessionName|DurationSeconds/);
  });

  it('lets the deny list change at run time through the admin endpoint', async () => {
    const role = 'arn:aws:iam::444444444444:role/flaky';
    const { sts } = clientsFor(ll.url, '111111111111');
    await ensureRole(ll.context, '444444444444', 'flaky', '111111111111');
    await sts.send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'before' }));
    const set = await fetch(`${ll.url}/_local/deny-roles`, { method: 'POST', headers: LOCAL_ADMIN_HEADERS, body: JSON.stringify({ roles: [role] }) });
    expect(await set.json()).toEqual({ roles: [role] });
    expect((await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'after' })))).name).toBe('AccessDenied');
  });
});
