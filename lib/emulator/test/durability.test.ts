// Durability: every acknowledged write survives kill -9 and a restart, RAM state included;
// a damaged data file stops start-up with a message naming the file.
import { mkdtempSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as L from '@aws-sdk/client-vpc-lattice';
import * as R from '@aws-sdk/client-ram';
import { clientsFor, destroyClients } from '@/lib/testing/clients';
import { exited, spawnLatticeLocal, type ChildServer } from '@/lib/testing/lattice-local';

const OWNER = '180000000001';
const CONSUMER = '180000000002';
const dirs: string[] = [];
const children: ChildServer[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lattice-local-durability-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 and restart', () => {
  it('loses nothing that was acknowledged', async () => {
    const dataDir = tempDir();
    // No activation delay: the service is associated as soon as it is created.
    const first = await spawnLatticeLocal(['--data-dir', dataDir, '--port', '0', '--seed', 'empty', '--activation-delay', '0']);
    children.push(first);
    const owner = clientsFor(first.url, OWNER);
    const consumer = clientsFor(first.url, CONSUMER);
    const sn = await owner.lattice.send(new L.CreateServiceNetworkCommand({ name: 'durable-network', tags: { team: 'network' } }));
    const svc = await owner.lattice.send(new L.CreateServiceCommand({ name: 'durable-orders' }));
    await owner.lattice.send(new L.CreateServiceNetworkServiceAssociationCommand({ serviceNetworkIdentifier: sn.id!, serviceIdentifier: svc.id! }));
    const { resourceShare } = await owner.ram.send(new R.CreateResourceShareCommand({ name: 'durable-share', resourceArns: [sn.arn!], principals: [CONSUMER] }));
    const [invitation] = (await consumer.ram.send(new R.GetResourceShareInvitationsCommand({}))).resourceShareInvitations!;
    await consumer.ram.send(new R.AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation!.resourceShareInvitationArn! }));
    // The very last acknowledged write, right before the kill.
    await owner.lattice.send(new L.TagResourceCommand({ resourceArn: sn.arn!, tags: { 'last-write': 'yes' } }));
    destroyClients(owner);
    destroyClients(consumer);

    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = await spawnLatticeLocal(['--data-dir', dataDir, '--port', '0']);
    children.push(second);
    const owner2 = clientsFor(second.url, OWNER);
    const consumer2 = clientsFor(second.url, CONSUMER);
    const got = await owner2.lattice.send(new L.GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.id! }));
    expect(got.arn).toBe(sn.arn);
    expect(got.numberOfAssociatedServices).toBe(1);
    const tags = await owner2.lattice.send(new L.ListTagsForResourceCommand({ resourceArn: sn.arn! }));
    expect(tags.tags).toEqual({ team: 'network', 'last-write': 'yes' });
    expect((await owner2.lattice.send(new L.GetServiceCommand({ serviceIdentifier: svc.id! }))).name).toBe('durable-orders');
    const [share] = (await owner2.ram.send(new R.GetResourceSharesCommand({ resourceOwner: 'SELF' }))).resourceShares!;
    expect(share).toMatchObject({ resourceShareArn: resourceShare!.resourceShareArn, name: 'durable-share', status: 'ACTIVE' });
    const [accepted] = (await consumer2.ram.send(new R.GetResourceShareInvitationsCommand({}))).resourceShareInvitations!;
    expect(accepted!.status).toBe('ACCEPTED');
    const shared = await consumer2.lattice.send(new L.ListServiceNetworksCommand({}));
    expect(shared.items?.map((i) => i.arn)).toEqual([sn.arn]);
    destroyClients(owner2);
    destroyClients(consumer2);
    second.child.kill('SIGTERM');
    await exited(second.child);
  });

  it('refuses to start on a damaged data file, naming it', async () => {
    const dataDir = tempDir();
    const first = await spawnLatticeLocal(['--data-dir', dataDir, '--port', '0', '--seed', 'empty']);
    children.push(first);
    const owner = clientsFor(first.url, OWNER);
    await owner.lattice.send(new L.CreateServiceNetworkCommand({ name: 'soon-damaged' }));
    destroyClients(owner);
    first.child.kill('SIGKILL');
    await exited(first.child);

    const files = readdirSync(dataDir).filter((f) => f !== 'lock');
    expect(files.length).toBeGreaterThan(0);
    // Damage a committed line (not a torn tail): garbage followed by a newline.
    const journal = files.find((f) => f.startsWith('journal'));
    const damaged = path.join(dataDir, journal ?? files[0]!);
    if (journal) appendFileSync(damaged, 'deadbeef {"txn": not json}\n');
    else writeFileSync(damaged, '{ not json');

    const failed = spawnLatticeLocal(['--data-dir', dataDir, '--port', '0']);
    await expect(failed).rejects.toThrow(damaged);
  });
});
