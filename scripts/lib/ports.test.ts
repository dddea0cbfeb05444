import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { portProblem, takenPorts } from './ports';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A port something already listens on (the OS picks it). */
async function occupiedPort(): Promise<number> {
  const server = net.createServer();
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as net.AddressInfo).port;
}

describe('port check', () => {
  it('names the port that is taken and what needed it', async () => {
    const taken = await occupiedPort();
    expect(await portProblem(taken, '127.0.0.1')).toBe('EADDRINUSE');
    const lines = await takenPorts([{ port: taken, host: '127.0.0.1', label: 'the console' }]);
    expect(lines).toEqual([`port ${taken} on 127.0.0.1 (for the console) is already in use; stop what listens there or choose another port`]);
  });

  it('says nothing about a free port, and leaves it free', async () => {
    const taken = await occupiedPort();
    await new Promise((r) => servers.pop()!.close(r));
    expect(await takenPorts([{ port: taken, host: '127.0.0.1', label: 'lattice-local' }])).toEqual([]);
    // Checking did not keep it: it can be listened on again at once.
    expect(await portProblem(taken, '127.0.0.1')).toBeNull();
  });
});
