/**
 * Entry of the agent console bundle (`/console.js`, loaded by the `/agent` page): defines
 * `<parley-agent-console>` and the parts it renders. Nothing else runs on load.
 */
import { ParleyAgentConsole } from './elements/parley-agent-console/parley-agent-console.js';

ParleyAgentConsole.define('parley-agent-console');

export { ParleyAgentConsole };
