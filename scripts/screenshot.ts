/**
 * `npm run docs:screenshot`: regenerates docs/images/demo.png — the demo website with the chat
 * open mid-conversation — from a real server, widget and agent (needs a build and Chromium).
 */
import { AgentSession } from '../src/core/agent-session.js';
import { launchBrowser } from '../test/helpers/browser.js';
import { connectAgent, startTestServer, until } from '../test/helpers/server.js';

const server = await startTestServer();
const browser = await launchBrowser();
let agent: AgentSession | undefined;
try {
  agent = await connectAgent(server.url, 'agent1');
  await agent.setAvailable(true);

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: /chat/i }).first().click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('Hi! Do the trail runners come in half sizes?');
  await box.press('Enter');

  await until(agent, (s) => s.offers.length > 0, 10_000, 'an offer');
  await agent.accept(agent.state.offers[0].id);
  const id = agent.state.threads[0].conversation.id;
  agent.send(id, 'Hello! Yes, every model from <b>38</b> to <b>47</b>, including half sizes.');
  await page.getByText('including half sizes').first().waitFor();
  agent.setTyping(id, true);
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'docs/images/demo.png' });
  console.log('wrote docs/images/demo.png');
} finally {
  agent?.close();
  await browser.close();
  await server.dispose();
}
