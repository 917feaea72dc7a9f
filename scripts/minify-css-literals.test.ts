import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minifyCssLiterals, minifyCssText } from './minify-css-literals.js';

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
