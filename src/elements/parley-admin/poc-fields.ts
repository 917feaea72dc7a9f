import { html, nothing, type TemplateResult } from 'lit';
import type { AdminKey } from '../../core/catalogues/admin.js';
import type { Translate } from '../../core/i18n.js';
import { POC_SKILL_CHANNEL, type AdminDnis, type AdminPoc, type AdminScript, type AdminSkill, type PocChannel } from '../../protocol/index.js';
import type { FieldHelpers } from './admin-section.js';

/** What the POC fields are drawn from: the tenant's lists, and the POC being edited, if any. */
export interface PocFieldsContext {
  t: Translate<AdminKey>;
  f: FieldHelpers;
  channel: PocChannel;
  skills: readonly AdminSkill[];
  scripts: readonly AdminScript[];
  numbers: readonly AdminDnis[];
  /** The POC being edited; null on creation. */
  poc: AdminPoc | null;
  /** Whether the controls may be changed. */
  disabled: boolean;
}

/** The allowed-origins text (one per line) as the API's list. */
export const originsOf = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((o) => o.trim())
    .filter(Boolean);

/** Whether a POC of this channel has a system id and a profile (and so origins and a snippet). */
export const isWebChannel = (channel: PocChannel): boolean => channel === 'chat' || channel === 'workitem';

/**
 * Skill, script, address and allowed origins of a POC, shared by the creation form and the POC's
 * page. The skill offers only skills of the channel the POC routes to; the phone number only the
 * provisioned numbers no other POC uses.
 */
export function renderPocFields(c: PocFieldsContext): TemplateResult {
  const { t, f, poc } = c;
  const skillChannel = POC_SKILL_CHANNEL[c.channel];
  // A new POC goes to an active skill; an existing one also keeps showing the one it has.
  const skills = c.skills.filter((s) => s.channel === skillChannel && (s.active || s.id === poc?.skillId));
  const numbers = c.numbers.filter((n) => n.pocId === null || n.pocId === poc?.id);
  const address = poc?.address ?? '';
  return html`
    <div class="field">
      <label for="skillId">${t('skill')}</label>
      <select id="skillId" name="skillId" required ?disabled=${c.disabled} aria-invalid=${f.invalid('skillId') ? 'true' : 'false'} aria-describedby=${f.describedBy('skillId', true)}>
        <option value="">${t('chooseSkill')}</option>
        ${skills.map((s) => html`<option value=${s.id} ?selected=${s.id === poc?.skillId}>${s.active ? s.name : t('inactiveSuffix', { name: s.name })}</option>`)}
      </select>
      <p class="hint" id="skillId-hint">${skills.length ? t('skillHint', { channel: t(`channel.${skillChannel}`) }) : t('noSkill', { channel: t(`channel.${skillChannel}`) })}</p>
      ${f.error('skillId')}
    </div>
    <div class="field">
      <label for="scriptId">${t('script')}</label>
      <select id="scriptId" name="scriptId" required ?disabled=${c.disabled} aria-invalid=${f.invalid('scriptId') ? 'true' : 'false'} aria-describedby=${f.describedBy('scriptId')}>
        <option value="">${t('chooseScript')}</option>
        ${c.scripts.map((s) => html`<option value=${s.id} ?selected=${s.id === poc?.scriptId}>${s.name}</option>`)}
      </select>
      ${f.error('scriptId')}
    </div>
    ${c.channel === 'email'
      ? html`<div class="field">
          <label for="address">${t('emailAddress')}</label>
          <input id="address" name="address" type="email" required autocomplete="off" maxlength="254" .value=${address} ?disabled=${c.disabled}
            aria-invalid=${f.invalid('address') ? 'true' : 'false'} aria-describedby=${f.describedBy('address', true)} />
          <p class="hint" id="address-hint">${t('emailAddressHint')}</p>
          ${f.error('address')}
        </div>`
      : c.channel === 'phone'
        ? html`<div class="field">
            <label for="address">${t('phoneNumber')}</label>
            <select id="address" name="address" required ?disabled=${c.disabled} aria-invalid=${f.invalid('address') ? 'true' : 'false'} aria-describedby=${f.describedBy('address', true)}>
              <option value="">${t('choosePhoneNumber')}</option>
              ${numbers.map((n) => html`<option value=${n.number} ?selected=${n.number === address}>${n.label ? `${n.number} — ${n.label}` : n.number}</option>`)}
            </select>
            <p class="hint" id="address-hint">${numbers.length ? t('phoneNumberHint') : t('noFreeNumber')}</p>
            ${f.error('address')}
          </div>`
        : nothing}
    ${isWebChannel(c.channel)
      ? html`<div class="field wide">
          <label for="allowedOrigins">${t('allowedOrigins')}</label>
          <textarea id="allowedOrigins" name="allowedOrigins" rows="3" spellcheck="false" autocomplete="off" ?disabled=${c.disabled}
            .value=${(poc?.allowedOrigins ?? []).join('\n')}
            aria-invalid=${f.invalid('allowedOrigins') ? 'true' : 'false'} aria-describedby=${f.describedBy('allowedOrigins', true)}></textarea>
          <p class="hint" id="allowedOrigins-hint">${t('allowedOriginsHint')}</p>
          ${f.error('allowedOrigins')}
        </div>`
      : nothing}
  `;
}

/** The tag a website pastes to show this POC (chat) or its form (work item). */
export function embedSnippet(origin: string, poc: Pick<AdminPoc, 'id' | 'channel'>): string {
  const attribute = poc.channel === 'workitem' ? 'data-work-item-poc' : 'data-poc';
  return `<script src="${origin}/parley.js" ${attribute}="${poc.id}" async></script>`;
}
