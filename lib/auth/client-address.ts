// The client's address, for the sign-in throttle and the audit log. It is the TCP peer's
// address, unless that peer is one of the configured trusted proxies
// (TRELLIS_TRUSTED_PROXIES): then X-Forwarded-For is read from the right, skipping trusted
// hops, and the first untrusted hop is the client. Without that setting, X-Forwarded-For is
// ignored: a client could put anything there.
//
// Route handlers do not see the socket, and Next.js fills X-Forwarded-For with the peer's
// address only when the client sent none. So the server's start-up hook (instrumentation.ts)
// stamps every incoming request with the peer's address in a header of its own, signed with
// a per-process key, overwriting whatever a client sent under that name.
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import net from 'node:net';

export const PEER_HEADER = 'x-trellis-peer';

const holder = globalThis as typeof globalThis & { __trellisPeerKey?: string; __trellisPeerInstalled?: boolean };
const peerKey = () => (holder.__trellisPeerKey ??= crypto.randomBytes(16).toString('hex'));

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? null);
}

export function normalizeAddress(address: string): string | null {
  let a = address.trim();
  if (a.startsWith('[') && a.includes(']')) a = a.slice(1, a.indexOf(']'));
  a = a.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return net.isIP(a) ? a.toLowerCase() : null;
}

/** The header value that vouches for `address` as this process's peer. */
export function peerHeaderValue(address: string): string {
  return `${peerKey()} ${address}`;
}

/** Stamps a raw Node request with its peer address (overwriting any client-sent value). */
export function stampPeerAddress(req: IncomingMessage): void {
  const address = req.socket?.remoteAddress;
  req.headers[PEER_HEADER] = address ? peerHeaderValue(address) : 'none';
}

/**
 * Installs the stamp on every HTTP server of this process (called once from instrumentation.ts,
 * before the console answers a request).
 */
export async function installPeerAddressStamp(): Promise<void> {
  if (holder.__trellisPeerInstalled) return;
  holder.__trellisPeerInstalled = true;
  const http = await import('node:http');
  const original = http.Server.prototype.emit;
  http.Server.prototype.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === 'request' && args[0]) stampPeerAddress(args[0] as IncomingMessage);
    return original.apply(this, [event, ...args] as Parameters<typeof original>);
  } as typeof original;
}

/** The peer address the start-up hook vouched for, or null (not stamped, or a forged value). */
export function peerAddress(headers: HeaderBag): string | null {
  const value = header(headers, PEER_HEADER);
  if (!value) return null;
  const at = value.indexOf(' ');
  if (at < 0 || value.slice(0, at) !== peerKey()) return null;
  return normalizeAddress(value.slice(at + 1));
}

export interface TrustedProxies {
  has(address: string): boolean;
  readonly size: number;
}

/** Parses a list of addresses and CIDR ranges (IPv4 or IPv6). Throws naming the bad entry. */
export function parseTrustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new net.BlockList();
  let size = 0;
  for (const raw of entries.map((e) => e.trim()).filter(Boolean)) {
    const [addr, bits, extra] = raw.split('/');
    const address = normalizeAddress(addr);
    const family = address ? (net.isIPv6(address) ? 'ipv6' : 'ipv4') : null;
    if (!address || !family || extra !== undefined) throw new Error(`"${raw}" is not an IP address or CIDR range`);
    if (bits === undefined) list.addAddress(address, family);
    else {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 'ipv6' ? 128 : 32)) throw new Error(`"${raw}" has a bad prefix length`);
      list.addSubnet(address, prefix, family);
    }
    size++;
  }
  return {
    size,
    has: (address) => {
      const a = normalizeAddress(address);
      return !!a && list.check(a, net.isIPv6(a) ? 'ipv6' : 'ipv4');
    },
  };
}

/**
 * The client's address: the vouched-for peer, or, when that peer is a trusted proxy, the first
 * untrusted hop of X-Forwarded-For read from the right. Null when the peer is unknown.
 */
export function resolveClientAddress(headers: HeaderBag, trusted: TrustedProxies): string | null {
  const peer = peerAddress(headers);
  if (!peer) return null;
  if (trusted.size === 0 || !trusted.has(peer)) return peer;
  const hops = (header(headers, 'x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    if (!hop) break; // a malformed hop: trust nothing further left
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}
