import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { launchBrowser } from '../test/helpers/browser.js';
import { cssLiteralTexts, minifyCssLiterals, minifyCssText } from './minify-css-literals.js';

describe('minifyCssText', () => {
  it('drops comments and the white space no rule needs', () => {
    const css = `
      /* the panel */
      :host([position='bottom-left']) .panel > .log ,
      .b {
        margin: 0 calc(100% - 8px) ;
        color: var(--x, red);
      }
      @media (width > 480px) { .c { display: none; } }`;
    assert.equal(
      minifyCssText(css),
      " :host([position='bottom-left']) .panel>.log,.b{margin:0 calc(100% - 8px);color:var(--x,red)}@media (width>480px){.c{display:none}}",
    );
  });

  it('keeps quoted strings exactly as written', () => {
    assert.equal(minifyCssText(`.a::before { content: attr(data-label) ': , { } ' ; font-family: "SF  Mono", Menlo; }`), `.a::before{content:attr(data-label) ': , { } ';font-family:"SF  Mono",Menlo}`);
  });
});

describe('minifyCssLiterals', () => {
  it('minifies css`…` and NAME_CSS literals, and leaves interpolations and other templates alone', () => {
    const source = [
      'const a = css`',
      '  .x {  color: ${unsafeCSS(`a  b`)} ;  }',
      '`;',
      'export const HOST_CSS = `',
      '  :host { display: block; }',
      '`;',
      'const label = `keep   ${name}  as is`;',
      "const html = html`<p class=\"a  b\">  ${'}'}  </p>`;",
    ].join('\n');
    assert.equal(
      minifyCssLiterals(source),
      [
        'const a = css` .x{color:${unsafeCSS(`a  b`)}}`;',
        'export const HOST_CSS = ` :host{display:block}`;',
        'const label = `keep   ${name}  as is`;',
        "const html = html`<p class=\"a  b\">  ${'}'}  </p>`;",
      ].join('\n'),
    );
  });

  it('throws on an unterminated literal instead of emitting broken code', () => {
    assert.throws(() => minifyCssLiterals('const a = css`.x { color: red; }'), /unterminated/);
  });
});

describe('every stylesheet of the widget and the staff pages', () => {
  it('means the same to Chromium minified as written: the same rules, the same declarations', async () => {
    const files = readdirSync('src', { recursive: true })
      .map((f) => join('src', String(f)))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const placeholder = 'var(--parley-interpolated)';
    const sheets = files
      .flatMap((file) => cssLiteralTexts(readFileSync(file, 'utf8'), placeholder).map((texts, i) => ({ name: `${file} #${i + 1}`, ...texts })))
      // Sheets made of other sheets alone (css`${a}${b}`) have nothing of their own to minify.
      .filter((sheet) => sheet.written.replaceAll(placeholder, '').trim() !== '');
    assert.ok(sheets.length > 30, `${sheets.length} stylesheets found`);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      // The browser's own serialisation of each sheet's rules: equal means parsed to the same rules.
      // (No named function inside: the page cannot see the test's compiled helpers.)
      const parsed = await page.evaluate(
        (list) =>
          list.map(({ name, written, minified }) => {
            const [before, after] = [written, minified].map((text) => {
              const sheet = new CSSStyleSheet();
              sheet.replaceSync(text);
              // A value holding var() is kept as written, token by token: its white space is
              // compared as one space, and its commas without the spaces around them.
              return [...sheet.cssRules].map((rule) => rule.cssText.replace(/\s+/g, ' ').replace(/\s*,\s*/g, ','));
            });
            return { name, written: before, minified: after };
          }),
        sheets,
      );
      for (const sheet of parsed) {
        assert.ok(sheet.written.length > 0, `${sheet.name} has rules`);
        assert.deepEqual(sheet.minified, sheet.written, sheet.name);
      }
    } finally {
      await browser.close();
    }
  });
});
