/**
 * JSON schemas of the admin API's bodies and answers (src/protocol/admin.ts in JSON Schema), used
 * by the routes for validation of shapes and by the generated OpenAPI document. The rules beyond
 * shape (lengths, references, uniqueness) are core/admin-rules.ts's and the services', which name
 * the field they refuse.
 *
 * Invariant: answer schemas list every property the answer has, with `null` allowed wherever the
 * type allows it — Fastify serialises answers through them and drops what they do not list.
 */
import { AUDIT_ACTIONS, BULK_FORMATS, BULK_MODES, CLOSED_BEHAVIOURS, LONG_WAIT_BEHAVIOURS, PERMISSIONS, POC_CHANNELS, SKILL_CHANNELS } from '../../src/protocol/index.js';

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const bool = { type: 'boolean' } as const;
const int = { type: 'integer' } as const;
const obj = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({ type: 'object', properties, required, additionalProperties: false }) as const;
const list = (items: unknown) => ({ type: 'array', items }) as const;

export const permission = { type: 'string', enum: [...PERMISSIONS] } as const;

export const error = obj(
  {
    code: str,
    message: str,
    field: str,
    retryAfter: int,
    fields: list(obj({ field: str, code: str, message: str })),
    wayOut: obj({
      skill: obj({ id: str, name: str }),
      inactiveSkills: list(obj({ id: str, name: str })),
      newSkillName: str,
    }),
  },
  ['code', 'message'],
);
export const errorBody = obj({ error });

export const poc = obj({
  id: str,
  name: str,
  channel: { type: 'string', enum: [...POC_CHANNELS] },
  skillId: str,
  scriptId: str,
  profileId: nullableStr,
  address: nullableStr,
  active: bool,
  allowedOrigins: list(str),
  createdAt: str,
  identity: obj({ enabled: bool }),
});

/** Shapes only: a wrong type is refused here, a wrong value by the rules, each naming the field. */
export const pocInput = obj(
  {
    name: str,
    channel: { type: 'string', enum: [...POC_CHANNELS] },
    skillId: str,
    scriptId: str,
    address: nullableStr,
    allowedOrigins: list(str),
    active: bool,
    copyProfileFrom: str,
  },
  ['name', 'channel', 'skillId', 'scriptId'],
);
export const pocPatch = obj({ ...pocInput.properties }, []);

export const skill = obj({
  id: str,
  name: str,
  channel: { type: 'string', enum: [...SKILL_CHANNELS] },
  active: bool,
  pocCount: int,
  activePocCount: int,
  createdAt: str,
});
export const skillInput = obj({ name: str, channel: { type: 'string', enum: [...SKILL_CHANNELS] }, active: bool }, ['name', 'channel']);
export const skillPatch = obj({ name: str, channel: str, active: bool }, []);

const hours = list(obj({ days: list(int), open: str, close: str }));
const scriptConfig = {
  timeZone: str,
  hours,
  greeting: str,
  priority: int,
  longWaitSeconds: { type: ['integer', 'null'] },
  whenClosed: { type: 'string', enum: [...CLOSED_BEHAVIOURS] },
  whenLongWait: { type: 'string', enum: [...LONG_WAIT_BEHAVIOURS] },
} as const;
export const script = obj({ id: str, name: str, ...scriptConfig, pocCount: int, createdAt: str });
export const scriptInput = obj({ name: str, ...scriptConfig }, ['name']);
export const scriptPatch = obj({ name: str, ...scriptConfig }, []);

export const dnis = obj({ number: str, label: str, pocId: nullableStr, createdAt: str });
export const dnisInput = obj({ number: str, label: str }, ['number']);

export const role = obj({ id: str, name: str, permissions: list(permission), builtIn: bool, userCount: int });
export const roleInput = obj({ name: str, permissions: list(str) }, ['name', 'permissions']);
export const rolePatch = obj({ name: str, permissions: list(str) }, []);

export const user = obj({ id: str, username: str, displayName: str, roleId: str, active: bool, createdAt: str });
export const userInput = obj({ username: str, displayName: str, roleId: str, password: str, active: bool }, ['username', 'displayName', 'roleId', 'password']);
export const userPatch = obj({ username: str, displayName: str, roleId: str, password: str, active: bool }, []);

export const token = obj({
  id: str,
  name: str,
  permissions: list(permission),
  createdBy: nullableStr,
  createdAt: str,
  lastUsedAt: nullableStr,
  revokedAt: nullableStr,
});
export const tokenInput = obj({ name: str, permissions: list(str) }, ['name', 'permissions']);

export const auditEntry = obj({
  id: int,
  at: str,
  actor: str,
  action: { type: 'string', enum: [...AUDIT_ACTIONS] },
  field: str,
  from: nullableStr,
  to: nullableStr,
  via: { type: 'string', enum: ['admin', 'bulk', 'studio', 'api'] },
  jobId: nullableStr,
});
export const auditPage = obj({ entries: list(auditEntry), total: int, next: { type: ['integer', 'null'] }, fields: list(str) });
export const auditQuery = obj(
  {
    actor: str,
    field: str,
    action: str,
    from: str,
    to: str,
    q: str,
    limit: str,
    before: str,
  },
  [],
);

export const bulkFormat = { type: 'string', enum: [...BULK_FORMATS] } as const;
export const bulkMode = { type: 'string', enum: [...BULK_MODES] } as const;

export const idParams = obj({ id: str });

/** The 4xx answers every admin route may give, for the OpenAPI document. */
export const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
} as const;
