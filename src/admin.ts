/**
 * Entry of the administration pages' bundle (`/admin.js`, loaded by the `/admin` page): defines
 * `<parley-admin>`, every section it renders and the sign-in form. Nothing else runs on load.
 */
import { ParleyAdmin } from './elements/parley-admin/parley-admin.js';
import { ParleyAdminBulk } from './elements/parley-admin-bulk/parley-admin-bulk.js';
import { ParleyAdminPeople } from './elements/parley-admin-people/parley-admin-people.js';
import { ParleyAdminRoles } from './elements/parley-admin-roles/parley-admin-roles.js';
import { ParleyAdminTokens } from './elements/parley-admin-tokens/parley-admin-tokens.js';

ParleyAdmin.define('parley-admin');
ParleyAdminPeople.define('parley-admin-people');
ParleyAdminRoles.define('parley-admin-roles');
ParleyAdminTokens.define('parley-admin-tokens');
ParleyAdminBulk.define('parley-admin-bulk');

export { ParleyAdmin, ParleyAdminBulk, ParleyAdminPeople, ParleyAdminRoles, ParleyAdminTokens };
