/**
 * The support desk's page entry (dist/cadia-agent-desk.js): the desk and the provider it reads its
 * configuration from (both guarded, so a page that already has the SDK's provider keeps it). Built
 * on its own (rollup.config.mjs), never part of a customer entry or the all-in-one.
 */
import { defineElement } from '../define-element.js';
import { CadiaProvider } from '../context/provider.js';
import { CadiaAgentDesk } from '../elements/agent-desk/agent-desk.js';

defineElement('cadia-provider', CadiaProvider);
defineElement('cadia-agent-desk', CadiaAgentDesk);
export { CadiaAgentDesk, CadiaProvider };
