/**
 * The client's address for the per-address rate limit — and nothing else: the cookie's `Secure`
 * flag and the own-origin check come from PUBLIC_URL, never from a header a client can send.
 *
 * TRUST_PROXY says which hops in front of the backend may report the client (`X-Forwarded-For`):
 * - unset, empty, `0` or `false`: none. The TCP peer is the client and `X-Forwarded-For` is
 *   ignored, so a client cannot invent addresses to escape the limit. Behind a proxy every client
 *   then shares the proxy's allowance.
 * - a whole number N ≥ 1: the N nearest hops are proxies (e.g. `1` for one nginx in front). The
 *   client is the address N entries from the right of `X-Forwarded-For, peer`; what a client
 *   writes further left is never read.
 * - a comma list of addresses, CIDR ranges or the names `loopback`, `linklocal`, `uniquelocal`
 *   (e.g. `10.0.0.0/8,127.0.0.1`): the proxies by address. From the right, the first address not
 *   in the list is the client — this holds when the number of proxies varies.
 * `true` ("trust every hop") is refused: then any client could name any address.
 * The parsing and the walk over the chain are proxy-addr's (Express's trust-proxy implementation).
 */
import type { IncomingMessage } from 'node:http';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import proxyaddr from 'proxy-addr';

export type ClientAddress = (c: Context) => string;

/** Reads TRUST_PROXY; throws a one-line message on a value it cannot use (so a typo stops the start). */
export function clientAddressFrom(setting: string | undefined): ClientAddress {
  const value = (setting ?? '').trim();
  if (value === '' || value === '0' || value.toLowerCase() === 'false') return peerAddress;
  let trust: (addr: string, hop: number) => boolean;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    trust = (_addr, hop) => hop < hops;
  } else if (value.toLowerCase() === 'true') {
    throw new Error('TRUST_PROXY=true would let any client name its own address: give the number of proxies (e.g. 1) or their addresses');
  } else {
    try {
      trust = proxyaddr.compile(value.split(',').map((s) => s.trim()).filter(Boolean));
    } catch (err) {
      throw new Error(`TRUST_PROXY: ${(err as Error).message} (a hop count, or a comma list of addresses, CIDR ranges, loopback, linklocal, uniquelocal)`);
    }
  }
  return (c) => {
    const peer = peerAddress(c);
    if (peer === 'unknown') return peer;
    // proxy-addr reads the peer and the header from a Node request; these are the only fields it uses.
    const req = { headers: { 'x-forwarded-for': c.req.header('x-forwarded-for') ?? '' }, socket: { remoteAddress: peer }, connection: { remoteAddress: peer } };
    return proxyaddr(req as unknown as IncomingMessage, trust);
  };
}

function peerAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not served over a socket (app.request in tests)
  }
}
