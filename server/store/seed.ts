/**
 * The demo tenant, seeded on first start so the demo works at once. Idempotent: every row has a
 * stable id and is inserted only when missing, so restarts never duplicate or overwrite anything
 * (an administrator's later edits survive).
 */
import { DEFAULT_PROFILE } from '../../src/core/profile.js';
import { DEMO_IDS, type ChatProfile, type SkillChannel } from '../../src/protocol/index.js';
import { hashPassword } from '../auth/passwords.js';
import { now, type Store } from './store.js';

/** The default demo password when PARLEY_DEMO_PASSWORD is not set (README says so). */
export const DEFAULT_DEMO_PASSWORD = 'parley-demo';

const SKILLS: { id: string; name: string; channel: SkillChannel }[] = [
  { id: 'demo-skill-chat', name: 'Chat support', channel: 'chat' },
  { id: 'demo-skill-email', name: 'Email support', channel: 'email' },
  { id: 'demo-skill-voice', name: 'Callbacks', channel: 'voice' },
  { id: 'demo-skill-sms', name: 'Text messages', channel: 'sms' },
  { id: 'demo-skill-workitem', name: 'Work items', channel: 'workitem' },
];

export const DEMO_PROFILE: ChatProfile = {
  ...DEFAULT_PROFILE,
  theme: {
    ...DEFAULT_PROFILE.theme,
    mode: 'auto',
    light: { brand: '#1a5fb4', onBrand: '#ffffff', surface: '#ffffff', text: '#1f2328' },
    dark: { brand: '#62a0ea', onBrand: '#0b1a2c', surface: '#1e1f22', text: '#e8eaed' },
  },
  texts: {
    title: 'Acme Support',
    subtitle: 'We usually answer within a few minutes',
    greeting: 'Hi! How can we help you today?',
    placeholder: 'Write a message…',
    offlineMessage: 'We are closed right now. Leave us a message and we will get back to you.',
    launcherLabel: '',
  },
  translations: {
    fr: {
      title: 'Assistance Acme',
      subtitle: 'Nous répondons en général en quelques minutes',
      greeting: 'Bonjour ! Comment pouvons-nous vous aider ?',
      placeholder: 'Écrivez votre message…',
      offlineMessage: 'Nous sommes fermés pour le moment. Laissez-nous un message, nous vous répondrons.',
    },
  },
  defaultLocale: 'en',
  elevations: {
    callback: { enabled: true, skillId: 'demo-skill-voice' },
    email: { enabled: true, skillId: 'demo-skill-email' },
    sms: { enabled: true, skillId: 'demo-skill-sms' },
    afterRequest: 'continue',
  },
  // Closed, or nobody to answer: the chat offers to leave a message on the returns form's POC.
  offline: { behaviour: 'leave-message', workItemPoc: DEMO_IDS.workitemPoc },
};

export const SALES_PROFILE: ChatProfile = {
  ...DEFAULT_PROFILE,
  theme: {
    ...DEFAULT_PROFILE.theme,
    mode: 'light',
    light: { brand: '#0b6e4f', onBrand: '#ffffff', surface: '#ffffff', text: '#17231c' },
    radius: 18,
  },
  launcher: { ...DEFAULT_PROFILE.launcher, position: 'bottom-left', icon: 'message', shape: 'rounded' },
  texts: {
    ...DEFAULT_PROFILE.texts,
    title: 'Acme Sales',
    subtitle: 'Questions before you buy?',
    greeting: 'Hello! Looking for the right gear? Ask us anything.',
    launcherLabel: 'Sales chat',
  },
  translations: { fr: { title: 'Ventes Acme', subtitle: 'Une question avant d’acheter ?', greeting: 'Bonjour ! Vous cherchez le bon équipement ? Demandez-nous.', launcherLabel: 'Chat ventes' } },
};

/** The demo returns form (work-item POC): themed like the support chat, with a photo field. */
export const RETURNS_PROFILE: ChatProfile = {
  ...DEMO_PROFILE,
  texts: {
    ...DEFAULT_PROFILE.texts,
    title: 'Return an item',
    subtitle: 'Tell us what went wrong; we answer by email within two working days.',
  },
  translations: {
    fr: { title: 'Retourner un article', subtitle: 'Dites-nous ce qui ne va pas ; nous répondons par e-mail sous deux jours ouvrés.' },
  },
  elevations: DEFAULT_PROFILE.elevations,
  workItem: {
    fields: [
      { id: 'name', type: 'name', label: 'Your name', labels: { fr: 'Votre nom' }, required: true, options: [], accept: [], maxFiles: 0, maxFileBytes: 0 },
      { id: 'email', type: 'email', label: 'Email', labels: { fr: 'E-mail' }, required: true, options: [], accept: [], maxFiles: 0, maxFileBytes: 0 },
      { id: 'order', type: 'text', label: 'Order number', labels: { fr: 'Numéro de commande' }, required: true, options: [], accept: [], maxFiles: 0, maxFileBytes: 0 },
      {
        id: 'reason',
        type: 'select',
        label: 'Reason',
        labels: { fr: 'Motif' },
        required: true,
        options: ['Damaged', 'Wrong item', 'No longer needed', 'Other'],
        accept: [],
        maxFiles: 0,
        maxFileBytes: 0,
      },
      { id: 'purchased', type: 'date', label: 'Date of purchase', labels: { fr: 'Date d’achat' }, required: false, options: [], accept: [], maxFiles: 0, maxFileBytes: 0 },
      { id: 'details', type: 'textarea', label: 'What happened?', labels: { fr: 'Que s’est-il passé ?' }, required: true, options: [], accept: [], maxFiles: 0, maxFileBytes: 0 },
      {
        id: 'photos',
        type: 'file',
        label: 'Photos or receipt',
        labels: { fr: 'Photos ou ticket de caisse' },
        required: false,
        options: [],
        accept: ['image/png', 'image/jpeg', 'application/pdf'],
        maxFiles: 3,
        maxFileBytes: 5 * 1024 * 1024,
      },
      { id: 'phone', type: 'phone', label: 'Phone (optional)', labels: { fr: 'Téléphone (facultatif)' }, required: false, options: [], accept: [], maxFiles: 0, maxFileBytes: 0 },
    ],
  },
};

const DISPOSITIONS = [
  { code: 'resolved', label: 'Resolved' },
  { code: 'follow-up', label: 'Needs follow-up' },
  { code: 'escalated', label: 'Escalated' },
  { code: 'no-response', label: 'Customer did not respond' },
  { code: 'spam', label: 'Spam or abuse' },
];

/** Inserts whatever part of the demo tenant is missing. Returns how many rows were added. */
export async function seedDemo(store: Store, password: string): Promise<number> {
  const at = now();
  const tenantId = DEMO_IDS.tenant;
  let added = 0;
  // One check per row keeps seeding obviously idempotent; it runs once per start.
  const insert = async <T extends keyof import('./schema.js').Database>(table: T, key: Record<string, string>, row: object) => {
    let q = store.db.selectFrom(table as 'tenants').select(Object.keys(key)[0] as 'id');
    for (const [column, value] of Object.entries(key)) q = q.where(column as 'id', '=', value);
    if (await q.executeTakeFirst()) return;
    await store.db.insertInto(table).values(row as never).execute();
    added += 1;
  };

  await insert('tenants', { id: tenantId }, { id: tenantId, name: 'Acme (demo)', created_at: at });
  for (const s of SKILLS) {
    await insert('skills', { id: s.id }, { id: s.id, tenant_id: tenantId, name: s.name, channel: s.channel, active: 1, created_at: at });
  }
  await insert('scripts', { id: 'demo-script' }, {
    id: 'demo-script',
    tenant_id: tenantId,
    name: 'Standard hours',
    config: JSON.stringify({
      timeZone: 'Europe/Paris',
      hours: [{ days: [1, 2, 3, 4, 5, 6, 0], open: '00:00', close: '24:00' }],
      greeting: 'Thanks for contacting Acme.',
      priority: 5,
      longWaitSeconds: 300,
      whenClosed: 'offline-message',
      whenLongWait: 'offer-callback',
    }),
    created_at: at,
  });
  await insert('chat_profiles', { id: DEMO_IDS.chatProfile }, {
    id: DEMO_IDS.chatProfile,
    tenant_id: tenantId,
    name: 'Acme support chat',
    profile: JSON.stringify(DEMO_PROFILE),
    updated_at: at,
    updated_by: null,
  });
  await insert('chat_profiles', { id: DEMO_IDS.workitemProfile }, {
    id: DEMO_IDS.workitemProfile,
    tenant_id: tenantId,
    name: 'Acme returns form',
    profile: JSON.stringify(RETURNS_PROFILE),
    updated_at: at,
    updated_by: null,
  });
  await insert('chat_profiles', { id: DEMO_IDS.salesChatProfile }, {
    id: DEMO_IDS.salesChatProfile,
    tenant_id: tenantId,
    name: 'Acme sales chat',
    profile: JSON.stringify(SALES_PROFILE),
    updated_at: at,
    updated_by: null,
  });
  // Inbound numbers provisioned for the tenant: the support line's, and two spare for new phone POCs.
  for (const [number, label] of [['+33100000000', 'Support line'], ['+33100000001', 'Spare line 1'], ['+33100000002', 'Spare line 2']]) {
    await insert('dnis', { number }, { number, tenant_id: tenantId, label, created_at: at });
  }
  const pocs = [
    { id: DEMO_IDS.chatPoc, name: 'Website chat', channel: 'chat', skill: 'demo-skill-chat', profile: DEMO_IDS.chatProfile, address: null },
    { id: DEMO_IDS.salesChatPoc, name: 'Sales chat', channel: 'chat', skill: 'demo-skill-chat', profile: DEMO_IDS.salesChatProfile, address: null },
    { id: DEMO_IDS.emailPoc, name: 'Support mailbox', channel: 'email', skill: 'demo-skill-email', profile: null, address: 'support@acme.example' },
    { id: DEMO_IDS.phonePoc, name: 'Support line', channel: 'phone', skill: 'demo-skill-voice', profile: null, address: '+33100000000' },
    { id: DEMO_IDS.workitemPoc, name: 'Returns form', channel: 'workitem', skill: 'demo-skill-workitem', profile: DEMO_IDS.workitemProfile, address: null },
  ];
  for (const p of pocs) {
    await insert('pocs', { id: p.id }, {
      id: p.id,
      tenant_id: tenantId,
      name: p.name,
      channel: p.channel,
      skill_id: p.skill,
      script_id: 'demo-script',
      chat_profile_id: p.profile,
      address: p.address,
      active: 1,
      allowed_origins: '[]',
      created_at: at,
    });
  }

  // Stores seeded before work-item forms existed have the returns POC without a profile.
  const linked = await store.db
    .updateTable('pocs')
    .set({ chat_profile_id: DEMO_IDS.workitemProfile })
    .where('id', '=', DEMO_IDS.workitemPoc)
    .where('chat_profile_id', 'is', null)
    .executeTakeFirst();
  added += Number(linked.numUpdatedRows);

  const users = [
    { id: 'demo-user-agent1', username: 'agent1', name: 'Alex Martin', role: 'agent' },
    { id: 'demo-user-agent2', username: 'agent2', name: 'Sam Dubois', role: 'agent' },
    { id: 'demo-user-admin', username: 'admin', name: 'Demo Administrator', role: 'admin' },
    { id: 'demo-user-marketer', username: 'marketer', name: 'Morgan Lefèvre', role: 'marketer' },
  ];
  for (const u of users) {
    const exists = await store.getUser(u.id);
    if (!exists) {
      await insert('users', { id: u.id }, {
        id: u.id,
        tenant_id: tenantId,
        username: u.username,
        display_name: u.name,
        role: u.role,
        password_hash: await hashPassword(password),
        capacity: 3,
        created_at: at,
      });
    }
    if (u.role !== 'agent') continue;
    for (const s of SKILLS) await insert('agent_skills', { user_id: u.id, skill_id: s.id }, { user_id: u.id, skill_id: s.id });
    await insert('agent_state', { user_id: u.id }, { user_id: u.id, available: 0, idle_since: at });
  }
  for (const [position, d] of DISPOSITIONS.entries()) {
    await insert('dispositions', { tenant_id: tenantId, code: d.code }, { tenant_id: tenantId, code: d.code, label: d.label, position });
  }
  return added;
}
