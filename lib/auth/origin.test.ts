import { describe, expect, it } from 'vitest';
import { clientAddress, isMutating, originProblem } from './origin';

const publicUrl = 'https://trellis.example.com';
const h = (init: Record<string, string>) => new Headers(init);

describe('Origin check for state-changing requests', () => {
  it('knows which methods change state', () => {
    expect(['GET', 'HEAD', 'OPTIONS', 'get'].map(isMutating)).toEqual([false, false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(isMutating)).toEqual([true, true, true, true]);
  });

  it('accepts the public origin and the origin the request was sent to', () => {
    expect(originProblem(h({ origin: 'https://trellis.example.com', host: 'internal:3000' }), publicUrl)).toBeNull();
    expect(originProblem(h({ origin: 'http://localhost:3411', host: 'localhost:3411' }), publicUrl)).toBeNull();
    expect(originProblem(h({ origin: 'https://console.corp', host: 'internal:3000', 'x-forwarded-host': 'console.corp' }), publicUrl)).toBeNull();
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

  it('takes the client address from the nearest proxy hop', () => {
    expect(clientAddress(h({ 'x-forwarded-for': '203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientAddress(h({ 'x-forwarded-for': '1.2.3.4, 10.0.0.2' }))).toBe('10.0.0.2');
    expect(clientAddress({ 'x-forwarded-for': '::ffff:127.0.0.1' })).toBe('127.0.0.1');
    expect(clientAddress({ 'x-real-ip': '198.51.100.4' })).toBe('198.51.100.4');
    expect(clientAddress({})).toBeNull();
  });
});
