// A module without imports, so the Storybook mocks (stories/mocks/agent-handlers.ts) can name the same people in the browser.
/**
 * The demo's people: an admin and a member per demo customer, and a support agent. The demo
 * sign-in route (routes/demo.ts) signs their tokens; `sub` is what a host's sign-in would put there.
 */
export const DEMO_PEOPLE = [
  { id: 'con_demo_10001_admin', sub: 'demo-10001-admin', customer: '10001', role: 'admin', name: 'Petra Müller', email: 'service@mueller-haustechnik.example' },
  { id: 'con_demo_10001_member', sub: 'demo-10001-member', customer: '10001', role: 'member', name: 'Jonas Weber', email: 'j.weber@mueller-haustechnik.example' },
  { id: 'con_demo_10002_admin', sub: 'demo-10002-admin', customer: '10002', role: 'admin', name: 'Sabine Schneider', email: 'kanzlei@schneider-partner.example' },
  { id: 'con_demo_10002_member', sub: 'demo-10002-member', customer: '10002', role: 'member', name: 'Murat Yılmaz', email: 'm.yilmaz@schneider-partner.example' },
  { id: 'con_demo_agent', sub: 'demo-agent', customer: null, role: 'agent', name: 'Lena Hoffmann', email: 'lena.hoffmann@cadia.example' },
] as const;
export type DemoPerson = (typeof DEMO_PEOPLE)[number];
