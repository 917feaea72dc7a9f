/**
 * The shared validators: the same rule must give the same answer in the browser form and on the
 * server, so these pin the exact boundaries (lengths, characters, formats) both sides rely on.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LIMITS } from '../protocol/index.js';
import { checkHexColor, checkId, checkMessageText, checkName, checkNote, checkSeq, cleanText, isRecord } from './validators.js';

/** Unwraps a successful result, failing the test with the error otherwise. */
function value<T>(checked: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!checked.ok) assert.fail(`expected ok, got ${JSON.stringify(checked.error)}`);
  return checked.value;
}

/** Unwraps a refusal, failing the test if the value was accepted. */
function refusal(checked: { ok: true; value: unknown } | { ok: false; error: { code: string; field?: string } }) {
  if (checked.ok) assert.fail(`expected a refusal, got ${JSON.stringify(checked.value)}`);
  return checked.error;
}

describe('checkMessageText', () => {
  test('accepts a text of exactly messageMaxLength characters', () => {
    const text = 'x'.repeat(LIMITS.messageMaxLength);
    assert.equal(value(checkMessageText(text)), text);
  });

  test('refuses messageMaxLength + 1 characters with message_too_long on field text', () => {
    const error = refusal(checkMessageText('x'.repeat(LIMITS.messageMaxLength + 1)));
    assert.equal(error.code, 'message_too_long');
    assert.equal(error.field, 'text');
  });

  test('counts the length after cleaning: CRLF counts as one character', () => {
    // 3998 + "\r\n" + 1 = 4001 raw units, 4000 once normalised.
    const raw = `${'x'.repeat(LIMITS.messageMaxLength - 2)}\r\ny`;
    const cleaned = value(checkMessageText(raw));
    assert.equal(cleaned.length, LIMITS.messageMaxLength);
    assert.ok(!cleaned.includes('\r'));
  });

  test('refuses empty and whitespace-only texts with message_empty', () => {
    for (const blank of ['', ' ', '\n\n', ' \t \r\n ', '\u0000\u0007']) {
      const error = refusal(checkMessageText(blank));
      assert.equal(error.code, 'message_empty', JSON.stringify(blank));
      assert.equal(error.field, 'text');
    }
  });

  test('refuses non-strings with invalid_field, naming the field asked for', () => {
    for (const bad of [undefined, null, 42, {}, ['hi'], true]) {
      const error = refusal(checkMessageText(bad, 'body.text'));
      assert.equal(error.code, 'invalid_field');
      assert.equal(error.field, 'body.text');
    }
  });

  test('strips control characters and bidi overrides, keeps tabs and newlines', () => {
    assert.equal(value(checkMessageText('a\u0000b\u0007c\u001bd\u007fe\u0085f')), 'abcdef');
    assert.equal(value(checkMessageText('\u202Egnp.exe\u202C ok \u2066x\u2069')), 'gnp.exe ok x');
    assert.equal(value(checkMessageText('col1\tcol2\nline2')), 'col1\tcol2\nline2');
  });

  test('normalises CRLF and lone CR to LF', () => {
    assert.equal(value(checkMessageText('one\r\ntwo\rthree\nfour')), 'one\ntwo\nthree\nfour');
  });

  test('trims surrounding blank lines and trailing space but keeps inner spacing', () => {
    assert.equal(value(checkMessageText('\n\n  hello\n\n  world  \n\n')), '  hello\n\n  world');
  });

  test('keeps markup-looking text as it is (rendering decides, not the validator)', () => {
    assert.equal(value(checkMessageText('<b>hi</b> & bye')), '<b>hi</b> & bye');
  });
});

describe('cleanText', () => {
  test('removes C1 controls and the isolate characters', () => {
    assert.equal(cleanText('a\u0080b\u009fc\u2067d\u2068e'), 'abcde');
  });
});

describe('checkName', () => {
  test('absent or blank names become null', () => {
    for (const blank of [undefined, null, '', '   ', '\n\t']) assert.equal(value(checkName(blank)), null);
  });

  test('collapses whitespace to one line', () => {
    assert.equal(value(checkName('  Ann \n\t Lee  ')), 'Ann Lee');
  });

  test('accepts nameMaxLength characters and refuses one more', () => {
    assert.equal(value(checkName('n'.repeat(LIMITS.nameMaxLength))), 'n'.repeat(LIMITS.nameMaxLength));
    const error = refusal(checkName('n'.repeat(LIMITS.nameMaxLength + 1)));
    assert.equal(error.code, 'invalid_field');
    assert.equal(error.field, 'name');
  });

  test('refuses non-strings, naming the given field', () => {
    const error = refusal(checkName({ first: 'Ann' }, 'username'));
    assert.equal(error.code, 'invalid_field');
    assert.equal(error.field, 'username');
  });

  test('strips control characters', () => {
    assert.equal(value(checkName('Ann\u0000\u202E Lee')), 'Ann Lee');
  });
});

describe('checkNote', () => {
  test('absent is empty, long notes are refused', () => {
    assert.equal(value(checkNote(undefined)), '');
    assert.equal(value(checkNote('n'.repeat(LIMITS.noteMaxLength))).length, LIMITS.noteMaxLength);
    const error = refusal(checkNote('n'.repeat(LIMITS.noteMaxLength + 1)));
    assert.equal(error.field, 'note');
    assert.equal(refusal(checkNote(12)).code, 'invalid_field');
  });
});

describe('checkId', () => {
  test('accepts URL-safe ids up to idMaxLength', () => {
    for (const id of ['a', 'c_AbC-123_x', 'x'.repeat(LIMITS.idMaxLength)]) assert.equal(value(checkId(id, 'id')), id);
  });

  test('refuses empty, overlong, non-URL-safe and non-string ids', () => {
    const bad = ['', 'x'.repeat(LIMITS.idMaxLength + 1), 'a b', '../etc/passwd', 'a/b', 'a.b', 'é', 'id\n', 'a%20b', 42, null, undefined, ['a'], { id: 'a' }];
    for (const id of bad) {
      const error = refusal(checkId(id, 'conversationId'));
      assert.equal(error.code, 'invalid_field', JSON.stringify(id));
      assert.equal(error.field, 'conversationId');
    }
  });
});

describe('checkSeq', () => {
  test('accepts whole numbers from 0', () => {
    assert.equal(value(checkSeq(0, 'afterSeq')), 0);
    assert.equal(value(checkSeq(41, 'afterSeq')), 41);
    assert.equal(value(checkSeq(Number.MAX_SAFE_INTEGER, 'afterSeq')), Number.MAX_SAFE_INTEGER);
  });

  test('refuses negatives, fractions, non-finite, unsafe and non-numbers', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '3', null, undefined, [1], {}]) {
      const error = refusal(checkSeq(bad, 'afterSeq'));
      assert.equal(error.code, 'invalid_field', String(bad));
      assert.equal(error.field, 'afterSeq');
    }
  });
});

describe('checkHexColor', () => {
  test('normalises #rgb and #rrggbb to lower-case #rrggbb', () => {
    assert.equal(value(checkHexColor('#ABC', 'c')), '#aabbcc');
    assert.equal(value(checkHexColor('#1A73E8', 'c')), '#1a73e8');
    assert.equal(value(checkHexColor(' #fff ', 'c')), '#ffffff');
  });

  test('refuses anything that is not a hex colour', () => {
    const bad = ['red', '#abcd', '#12345g', '1a73e8', '#1a73e8ff', 'rgb(0,0,0)', '#fff;}', '#fff; background:url(x)', '', null, 0x1a73e8, ['#fff']];
    for (const colour of bad) {
      const error = refusal(checkHexColor(colour, 'brandColor'));
      assert.equal(error.code, 'invalid_field', JSON.stringify(colour));
      assert.equal(error.field, 'brandColor');
    }
  });
});

describe('isRecord', () => {
  test('only plain non-null, non-array objects', () => {
    assert.equal(isRecord({}), true);
    assert.equal(isRecord(Object.create(null)), true);
    for (const bad of [null, undefined, [], 'x', 1, true]) assert.equal(isRecord(bad), false);
  });
});
