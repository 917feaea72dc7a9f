/**
 * A build step that minifies the CSS written inside our TypeScript: Lit's `` css`…` `` literals and
 * the plain `` const NAME_CSS = `…` `` strings the loader shares with the elements. The bundler
 * minifies the code around them but keeps template text as written, and our style sheets are
 * mostly comments and indentation: about 30 kB of the chat's code before this step.
 *
 * Only changes that cannot alter what a rule means are made: comments go, runs of white space
 * become one space, and the space around `{ } ; , >` and after `:` goes (no selector or value of
 * ours needs a space there), and so does a `;` just before a `}`. Quoted strings and
 * interpolations (`${…}`) are kept exactly as written.
 */
import type { Plugin } from 'vite';

/** Where a CSS template literal starts: a `css` tag, or a constant whose name ends in `_CSS`. */
const CSS_LITERAL_START = /\bcss`|\b[A-Z][A-Z0-9_]*_CSS\s*=\s*`/g;

/** Quoted CSS strings (`content: ': '`), kept exactly as written. */
const CSS_STRING = /('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/;

/** Minifies one static piece of a CSS template (the text between two interpolations). */
export function minifyCssText(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(CSS_STRING)
    .map((part, i) => (i % 2 === 1 ? part : minifyOutsideStrings(part)))
    .join('');
}

function minifyOutsideStrings(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

/**
 * The index just past the template literal's closing backtick, `start` being just past its opening
 * one; the ranges of its static text are pushed on `pieces`. Nested templates inside `${…}` are
 * skipped whole.
 */
function scanTemplate(source: string, start: number, pieces: [number, number][]): number {
  let i = start;
  let pieceStart = start;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
    } else if (c === '`') {
      pieces.push([pieceStart, i]);
      return i + 1;
    } else if (c === '$' && source[i + 1] === '{') {
      pieces.push([pieceStart, i]);
      i = skipExpression(source, i + 2);
      pieceStart = i;
    } else {
      i += 1;
    }
  }
  throw new Error('minify-css-literals: unterminated template literal');
}

/** The index just past the `}` that closes an interpolation opened just before `start`. */
function skipExpression(source: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < source.length) {
    const c = source[i];
    if (c === '`') i = scanTemplate(source, i + 1, []);
    else if (c === "'" || c === '"') i = source.indexOf(c, i + 1) + 1;
    else {
      if (c === '{') depth += 1;
      else if (c === '}' && --depth === 0) return i + 1;
      i += 1;
    }
  }
  throw new Error('minify-css-literals: unterminated interpolation');
}

/** The static pieces of each CSS template literal in `source`, literal by literal, in order. */
function cssLiteralPieces(source: string): [number, number][][] {
  const literals: [number, number][][] = [];
  let end = -1;
  for (const match of source.matchAll(CSS_LITERAL_START)) {
    const open = match.index + match[0].length;
    // A literal already scanned (a match inside another one's interpolation) is not scanned twice.
    if (open <= end) continue;
    const pieces: [number, number][] = [];
    end = scanTemplate(source, open, pieces);
    literals.push(pieces);
  }
  return literals;
}

/**
 * Each CSS template literal of `source` as written and as minified, every interpolation replaced
 * by `placeholder` in both: what a test needs to check that minifying changes no rule.
 */
export function cssLiteralTexts(source: string, placeholder: string): { written: string; minified: string }[] {
  return cssLiteralPieces(source).map((pieces) => ({
    written: pieces.map(([from, to]) => source.slice(from, to)).join(placeholder),
    minified: pieces.map(([from, to]) => minifyCssText(source.slice(from, to))).join(placeholder),
  }));
}

/** `source` with the static text of every CSS template literal minified. */
export function minifyCssLiterals(source: string): string {
  const pieces = cssLiteralPieces(source).flat();
  let out = '';
  let at = 0;
  for (const [from, to] of pieces) {
    out += source.slice(at, from) + minifyCssText(source.slice(from, to));
    at = to;
  }
  return out + source.slice(at);
}

/** The Vite plugin: runs on our own TypeScript sources before they are compiled. */
export function cssLiterals(): Plugin {
  return {
    name: 'parley:minify-css-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || id.endsWith('.test.ts')) return null;
      if (!code.includes('css`') && !code.includes('_CSS')) return null;
      return { code: minifyCssLiterals(code), map: null };
    },
  };
}
