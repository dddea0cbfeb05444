import { describe, expect, it } from 'vitest';
import { clientAddress, isMutating, originProblem } from './origin';

const publicUrl = 'https://trellis.example.com';
const h = (init: Record<string, string>) => new Headers(init);

describe('Origin check for state-changing requests', () => {
  it('knows which methods change state', () => {
    expect(['GET', 'HEAD', 'OPTIONS', 'get'].map(isMutating)).toEqual([false, false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(isMutating)).toEqual([true, true, true, true]);
  });

  it('accepts only the public URL\'s full origin: scheme, host and port, never Host or X-Forwarded-Host', () => {
    expect(originProblem(h({ origin: 'https://trellis.example.com', host: 'internal:3000' }), publicUrl)).toBeNull();
    // The attack: a page on the attacker's site that also sets Host / X-Forwarded-Host to its own origin's host.
    expect(originProblem(h({ origin: 'http://localhost:3411', host: 'localhost:3411' }), publicUrl)).toMatch(/is not this console/);
    expect(originProblem(h({ origin: 'https://console.corp', host: 'internal:3000', 'x-forwarded-host': 'console.corp' }), publicUrl)).toMatch(/is not this console/);
    expect(originProblem(h({ origin: 'https://evil.example', host: 'evil.example', 'x-forwarded-host': 'evil.example' }), publicUrl)).toMatch(/is not this console/);
    // Same host, another scheme or port.
    expect(originProblem(h({ origin: 'http://trellis.example.com' }), publicUrl)).toMatch(/is not this console/);
    expect(originProblem(h({ origin: 'https://trellis.example.com:8443' }), publicUrl)).toMatch(/is not this console/);
    expect(originProblem(h({ origin: 'http://localhost:3000' }), 'http://localhost:3000')).toBeNull();
    expect(originProblem(h({ origin: 'http://localhost:3001' }), 'http://localhost:3000')).not.toBeNull();
  });

  it('refuses another site, a null origin, and a missing one unless the browser says same-origin', () => {
    expect(originProblem(h({ origin: 'https://evil.example', host: 'trellis.example.com' }), publicUrl)).toMatch(/Origin https:\/\/evil.example is not this console/);
    expect(originProblem(h({ origin: 'https://trellis.example.com.evil.example', host: 'x' }), publicUrl)).not.toBeNull();
    expect(originProblem(h({ origin: 'null', host: 'trellis.example.com' }), publicUrl)).toMatch(/"null"/);
    expect(originProblem(h({ host: 'trellis.example.com' }), publicUrl)).toMatch(/Origin header is missing/);
    expect(originProblem(h({ host: 'trellis.example.com', 'sec-fetch-site': 'cross-site' }), publicUrl)).not.toBeNull();
    expect(originProblem(h({ host: 'trellis.example.com', 'sec-fetch-site': 'same-origin' }), publicUrl)).toBeNull();
    expect(originProblem(h({ origin: 'not a url', host: 'x' }), publicUrl)).toMatch(/not a URL/);
  });

  it('ignores X-Forwarded-For unless the connection comes from a trusted proxy (unit: see client-address.test.ts)', () => {
    // No stamped peer address (no server): nothing a client sent is believed.
    expect(clientAddress(h({ 'x-forwarded-for': '203.0.113.9' }))).toBeNull();
    expect(clientAddress({ 'x-real-ip': '198.51.100.4' })).toBeNull();
    expect(clientAddress({ 'x-trellis-peer': 'forged 198.51.100.4' })).toBeNull();
    expect(clientAddress({})).toBeNull();
  });
});
