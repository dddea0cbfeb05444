// Issue 12, point 3: the client address is the connection's, and X-Forwarded-For counts only
// when the connection comes from a configured trusted proxy.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPeerAddressStamp, parseTrustedProxies, peerHeaderValue, PEER_HEADER, resolveClientAddress } from './client-address';
import { parseConfig } from '@/lib/config';

const none = parseTrustedProxies([]);
const proxies = parseTrustedProxies(['10.0.0.0/8', '192.0.2.1', 'fd00::/8']);
const from = (peer: string, xff?: string) => new Headers({ [PEER_HEADER]: peerHeaderValue(peer), ...(xff ? { 'x-forwarded-for': xff } : {}) });

describe('client address', () => {
  it('is the connection address; a fresh X-Forwarded-For per request changes nothing without trusted proxies', () => {
    for (let i = 0; i < 5; i++) expect(resolveClientAddress(from('203.0.113.7', `198.51.100.${i}`), none)).toBe('203.0.113.7');
    expect(resolveClientAddress(from('::ffff:203.0.113.7'), none)).toBe('203.0.113.7');
  });

  it('behind a trusted proxy, is the first untrusted hop from the right', () => {
    expect(resolveClientAddress(from('10.1.2.3', '198.51.100.9'), proxies)).toBe('198.51.100.9');
    expect(resolveClientAddress(from('10.1.2.3', 'forged-by-client, 198.51.100.9, 10.9.9.9'), proxies)).toBe('198.51.100.9');
    expect(resolveClientAddress(from('10.1.2.3', '1.1.1.1, 198.51.100.9'), proxies)).toBe('198.51.100.9');
    expect(resolveClientAddress(from('10.1.2.3'), proxies)).toBe('10.1.2.3');
    // An untrusted peer's X-Forwarded-For is ignored even when proxies are configured.
    expect(resolveClientAddress(from('203.0.113.7', '10.1.1.1'), proxies)).toBe('203.0.113.7');
  });

  it('refuses a peer header the process did not write', () => {
    expect(resolveClientAddress(new Headers({ [PEER_HEADER]: 'not-the-key 198.51.100.1' }), none)).toBeNull();
  });

  it('TRELLIS_TRUSTED_PROXIES is validated, naming the variable and the bad entry', () => {
    expect(parseConfig({ TRELLIS_DEMO: '1', TRELLIS_TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.1' }).trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.1']);
    expect(parseConfig({ TRELLIS_DEMO: '1' }).trustedProxies).toEqual([]);
    expect(() => parseConfig({ TRELLIS_DEMO: '1', TRELLIS_TRUSTED_PROXIES: '10.0.0.0/40' })).toThrow(/TRELLIS_TRUSTED_PROXIES: must be IP addresses or CIDR ranges separated by commas; "10.0.0.0\/40" is neither/);
    expect(() => parseConfig({ TRELLIS_DEMO: '1', TRELLIS_TRUSTED_PROXIES: 'proxy.corp' })).toThrow(/"proxy.corp" is neither/);
  });

  describe('on a real HTTP server with the stamp installed', () => {
    let server: http.Server;
    let url: string;
    beforeAll(async () => {
      await installPeerAddressStamp();
      server = http.createServer((req, res) => {
        res.end(JSON.stringify({ address: resolveClientAddress(req.headers, none) }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('a client forging X-Forwarded-For or the stamp header still gets its own address', async () => {
      const res = await fetch(url, { headers: { 'x-forwarded-for': '198.51.100.77', [PEER_HEADER]: `${'0'.repeat(32)} 198.51.100.78` } });
      expect(await res.json()).toEqual({ address: '127.0.0.1' });
    });
  });
});
