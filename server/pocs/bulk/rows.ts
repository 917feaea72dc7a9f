/**
 * One bulk-file row, understood: what it asks for (create a POC, or change one), as the input the
 * POC service takes, and the way back from the service's refusals to the column to blame.
 *
 * Invariants:
 * - A row with an ID changes that POC, and only the fields whose cells differ from it; a row
 *   without one creates a POC. The service checks every rule; this module only translates cells
 *   (names to ids, labels to values) and refuses what cannot be translated, naming the column.
 * - A skill or script is given by id or by name (any case, spaces collapsed); a name shared by
 *   several of the tenant's is ambiguous unless only one of them fits the POC's channel.
 */
import {
  POC_SKILL_CHANNEL,
  type AdminPoc,
  type BulkColumn,
  type PocChannel,
  type PocInput,
} from '../../../src/protocol/index.js';
import { ParleyError } from '../../errors.js';

/** A row's refusal, with the column to blame (null: the row as a whole). */
export class RowError extends Error {
  readonly column: BulkColumn | null;

  constructor(column: BulkColumn | null, reason: string) {
    super(reason);
    this.name = 'RowError';
    this.column = column;
  }
}

/** The service's field names, as the file's columns. */
const COLUMN_OF_FIELD: Readonly<Record<string, BulkColumn>> = {
  id: 'ID',
  name: 'Name',
  channel: 'Channel',
  skillId: 'Skill',
  scriptId: 'Script',
  address: 'Address',
  allowedOrigins: 'Allowed origins',
  active: 'Active',
};

/** The column to blame for a service refusal, and the reason as the report shows it. */
export function columnOf(error: ParleyError): { column: BulkColumn | null; reason: string } {
  // The deactivation rule names the skill; in a file, it is the Active cell that asked for it,
  // and the way out is in the same row.
  if (error.code === 'poc_skill_active') {
    return {
      column: 'Active',
      reason: `${error.message.replace(/; move it to an inactive skill first.*$/, '')}; to retire it, put an inactive skill of its channel in the Skill cell of the same row`,
    };
  }
  return { column: (error.field && COLUMN_OF_FIELD[error.field]) || null, reason: error.message };
}

const normal = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

/** Channel labels a user may type, English and French, once normalised. */
const CHANNEL_LABELS = new Map<string, PocChannel>([
  ['chat', 'chat'],
  ['web chat', 'chat'],
  ['email', 'email'],
  ['e mail', 'email'],
  ['mail', 'email'],
  ['courriel', 'email'],
  ['phone', 'phone'],
  ['inbound phone', 'phone'],
  ['telephone', 'phone'],
  ['telephone entrant', 'phone'],
  ['voice', 'phone'],
  ['workitem', 'workitem'],
  ['work item', 'workitem'],
  ['element de travail', 'workitem'],
  ['elements de travail', 'workitem'],
]);

export function parseChannel(cell: string): PocChannel {
  const channel = CHANNEL_LABELS.get(normal(cell));
  if (!channel) {
    throw new RowError('Channel', cell === '' ? 'the channel is required: chat, email, phone or workitem' : `unknown channel "${cell.slice(0, 40)}"; use chat, email, phone or workitem`);
  }
  return channel;
}

const YES = new Set(['yes', 'y', 'true', '1', 'oui', 'o', 'vrai']);
const NO = new Set(['no', 'n', 'false', '0', 'non', 'faux']);

export function parseActive(cell: string): boolean {
  const value = normal(cell);
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  throw new RowError('Active', `"${cell.slice(0, 40)}" is neither yes nor no`);
}

const MARKS = new Set(['yes', 'y', 'x', '1', 'true', 'oui']);

/** Whether the *Modified row* cell marks the row. */
export const isMarked = (cell: string): boolean => MARKS.has(cell.trim().toLowerCase());

/** Allowed origins as typed: separated by spaces, commas, semicolons or line breaks. */
export const parseOrigins = (cell: string): string[] => cell.split(/[\s,;]+/).filter(Boolean);

export interface Ref {
  id: string;
  name: string;
}

/** The tenant's skills and scripts, to resolve the names a file uses. */
export interface Catalog {
  skills: readonly (Ref & { channel: string })[];
  scripts: readonly Ref[];
}

/** Turns rows into service calls for one tenant. */
export class RowMapper {
  readonly #skills: Catalog['skills'];
  readonly #scripts: Catalog['scripts'];

  constructor(catalog: Catalog) {
    this.#skills = catalog.skills;
    this.#scripts = catalog.scripts;
  }

  /** The `PocInput` a row without an ID stands for. */
  toInput(cells: Record<BulkColumn, string>): PocInput {
    const channel = parseChannel(cells.Channel);
    const input: PocInput = {
      name: cells.Name,
      channel,
      skillId: this.skill(cells.Skill, channel),
      scriptId: this.script(cells.Script),
    };
    if (cells.Address !== '') input.address = cells.Address;
    const origins = parseOrigins(cells['Allowed origins']);
    if (origins.length) input.allowedOrigins = origins;
    if (cells.Active !== '') input.active = parseActive(cells.Active);
    return input;
  }

  /**
   * The patch a row with an ID stands for: the fields whose cells differ from `poc`. An empty
   * Channel or Active cell leaves it as it is; an empty Address or Allowed origins cell clears it.
   */
  toPatch(cells: Record<BulkColumn, string>, poc: AdminPoc): Partial<PocInput> {
    if (cells.Channel !== '') {
      const channel = parseChannel(cells.Channel);
      if (channel !== poc.channel) {
        throw new RowError('Channel', `the channel of a point of contact cannot change (this one is ${poc.channel}); to use ${channel}, add a row without an ID to create a new one`);
      }
    }
    const patch: Partial<PocInput> = {};
    if (cells.Name !== poc.name) patch.name = cells.Name;
    const skillId = this.skill(cells.Skill, poc.channel);
    if (skillId !== poc.skillId) patch.skillId = skillId;
    const scriptId = this.script(cells.Script);
    if (scriptId !== poc.scriptId) patch.scriptId = scriptId;
    if (cells.Address !== (poc.address ?? '')) patch.address = cells.Address === '' ? null : cells.Address;
    const origins = parseOrigins(cells['Allowed origins']);
    if (origins.join(' ') !== poc.allowedOrigins.join(' ')) patch.allowedOrigins = origins;
    if (cells.Active !== '') {
      const active = parseActive(cells.Active);
      if (active !== poc.active) patch.active = active;
    }
    return patch;
  }

  /** The id of the skill a cell names, for a POC of `channel`. */
  skill(cell: string, channel: PocChannel): string {
    return resolve('Skill', 'skill', cell, this.#skills, (s) => s.channel === POC_SKILL_CHANNEL[channel]);
  }

  script(cell: string): string {
    return resolve('Script', 'script', cell, this.#scripts);
  }
}

function resolve<T extends Ref>(column: BulkColumn, what: string, cell: string, records: readonly T[], fits?: (record: T) => boolean): string {
  if (cell === '') throw new RowError(column, `the ${what} is required (its name or id)`);
  const byId = records.find((r) => r.id === cell);
  if (byId) return byId.id;
  const nameKey = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();
  const wanted = nameKey(cell);
  let named = records.filter((r) => nameKey(r.name) === wanted);
  if (named.length > 1 && fits) {
    const fitting = named.filter(fits);
    if (fitting.length > 0) named = fitting;
  }
  if (named.length === 1) return named[0].id;
  if (named.length === 0) throw new RowError(column, `no ${what} named "${cell.slice(0, 80)}"`);
  throw new RowError(column, `${named.length} ${what}s are named "${cell.slice(0, 80)}"; write the id of the one you mean (${named.map((r) => r.id).join(', ')})`);
}
