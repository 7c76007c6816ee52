// The demo people's tokens for the bench, signed as the demo sign-in route signs them (the bench
// server runs with the demo signing configuration). Valid for an hour from when they are made.
import { tsImport } from 'tsx/esm/api';

const { DEMO_IDENTITY, signHostToken } = await tsImport('../server/identity.ts', import.meta.url);
const { DEMO_PEOPLE } = await tsImport('../server/seed.ts', import.meta.url);

const sign = (p) => signHostToken(DEMO_IDENTITY, { sub: p.sub, email: p.email, name: p.name, customer: p.customer, role: p.role }, new Date());

/** `positive`: 10001's admin, `negative`: 10002's admin (the customer with 10,000 tickets on the bench server). */
export async function demoTokens() {
  return { positive: await sign(DEMO_PEOPLE[0]), negative: await sign(DEMO_PEOPLE[2]) };
}
