/**
 * `npm run api-key -- <create NAME | list | revoke ID_OR_NAME> [--tenant ID]`: manages the keys
 * other systems use to file work items (`Authorization: Bearer <key>` on
 * `POST /api/v1/pocs/:poc/work-items`, docs/work-items.md). Works on the store in
 * PARLEY_DATA_DIR (default `data/`), like `npm start`. A new key is printed once and stored only
 * as its SHA-256 hash.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashToken, newToken } from '../server/auth/passwords.js';
import { DEFAULT_DEMO_PASSWORD, seedDemo } from '../server/store/seed.js';
import { Store } from '../server/store/store.js';
import { DEMO_IDS } from '../src/protocol/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const tenantAt = args.indexOf('--tenant');
const tenant = tenantAt >= 0 ? args.splice(tenantAt, 2)[1] : DEMO_IDS.tenant;
const [command, value] = args;

function usage(): never {
  console.error('usage: npm run api-key -- create <name> | list | revoke <id or name>   [--tenant <tenant id>]');
  process.exit(2);
}

const store = await Store.open(resolve(process.env.PARLEY_DATA_DIR ?? join(ROOT, 'data')));
try {
  // What `npm start` does first (idempotent): a key can be made before the first start.
  await seedDemo(store, process.env.PARLEY_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD);
  if (!tenant || !(await store.db.selectFrom('tenants').select('id').where('id', '=', tenant).executeTakeFirst())) {
    console.error(`no tenant "${tenant}" in this store`);
    process.exitCode = 1;
  } else if (command === 'create' && value?.trim()) {
    // 32 random bytes: 256 bits, base64url (43 characters), prefixed so it is recognisable in a vault.
    const key = `pk_${newToken(32)}`;
    const row = await store.createApiKey(tenant, value.trim().slice(0, 80), hashToken(key));
    console.log(`API key "${row.name}" (${row.id}) for tenant ${tenant}. Shown once, keep it secret:\n\n  ${key}\n`);
  } else if (command === 'list') {
    for (const k of await store.apiKeys(tenant)) {
      console.log(`${k.id}\t${k.name}\tcreated ${k.created_at}\tlast used ${k.last_used_at ?? 'never'}${k.revoked_at ? `\trevoked ${k.revoked_at}` : ''}`);
    }
  } else if (command === 'revoke' && value) {
    const n = await store.revokeApiKey(tenant, value);
    console.log(n > 0 ? `revoked ${n} key${n === 1 ? '' : 's'}` : `no active key "${value}"`);
    if (n === 0) process.exitCode = 1;
  } else {
    usage();
  }
} finally {
  await store.close();
}
