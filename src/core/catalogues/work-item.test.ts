/**
 * The work-item form's catalogue: both languages, the same placeholders in each, a name for every
 * attachment type, and sizes and lists in each language's own words.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ATTACHMENT_TYPES } from '../../protocol/index.js';
import { translator } from '../i18n.js';
import { formatBytes } from '../work-item.js';
import { leaveMessageCatalogue } from './leave-message.js';
import { formatChoices, WORK_ITEM_LOCALES, workItemCatalogue } from './work-item.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('workItemCatalogue', () => {
  test('speaks English and French', () => {
    assert.deepEqual([...WORK_ITEM_LOCALES].sort(), ['en', 'fr']);
  });

  test('every French string uses the same placeholders as its English one', () => {
    const en = workItemCatalogue.en as Record<string, string>;
    for (const [key, text] of Object.entries(workItemCatalogue.fr ?? {})) {
      assert.ok(key in en, `French key ${key} has no English entry`);
      assert.deepEqual(placeholders(text!), placeholders(en[key]), `placeholders of ${key}`);
    }
  });

  test('French translates every sentence; only the names of file formats may stay as they are', () => {
    const fr = workItemCatalogue.fr ?? {};
    const missing = Object.keys(workItemCatalogue.en).filter((key) => !(key in fr) && !key.startsWith('files.type.'));
    assert.deepEqual(missing, []);
  });

  test('holds the chat’s “leave a message” texts, the same in both languages, so each is written once', () => {
    const keys = Object.keys(leaveMessageCatalogue.en).sort();
    for (const locale of WORK_ITEM_LOCALES) {
      const leave = leaveMessageCatalogue[locale] ?? {};
      const form = translator(workItemCatalogue, locale);
      // English defines the texts; every other language has each of them.
      if (locale !== 'en') assert.deepEqual(Object.keys(leave).sort(), keys, `${locale} has every leave-message text`);
      for (const [key, text] of Object.entries(leave)) assert.equal(form(key as keyof typeof leave), text, `${locale}: ${key}`);
    }
  });

  test('every attachment type has a name', () => {
    const t = translator(workItemCatalogue, 'fr');
    for (const type of ATTACHMENT_TYPES) assert.notEqual(t(`files.type.${type}`), undefined, type);
    assert.equal(t('files.type.text/plain'), 'texte');
    assert.equal(t('files.type.application/pdf'), 'PDF');
  });
});

describe('formatBytes and formatChoices', () => {
  test('steps of 1 024 (a 5 MB limit in the studio reads 5 MB), in each language’s digits and words', () => {
    assert.equal(formatBytes(5 * 1024 * 1024, 'en'), '5 MB');
    assert.equal(formatBytes(1536 * 1024, 'fr').replace(/\s/g, ' '), '1,5 Mo');
    assert.equal(formatBytes(300 * 1024, 'en'), '300 kB');
    assert.equal(formatBytes(121, 'en'), '121 bytes');
    assert.equal(formatBytes(121, 'fr').replace(/\s/g, ' '), '121 octets');
  });

  test('a list of choices says "or" in each language', () => {
    assert.equal(formatChoices('en', ['PNG', 'JPEG', 'PDF']), 'PNG, JPEG, or PDF');
    assert.equal(formatChoices('fr', ['PNG', 'JPEG', 'PDF']), 'PNG, JPEG ou PDF');
    assert.equal(formatChoices('en', ['PDF']), 'PDF');
  });
});
