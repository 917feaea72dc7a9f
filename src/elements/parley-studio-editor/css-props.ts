/**
 * `cssProps()`: sets CSS properties on an element through the CSSOM (`style.setProperty`), never
 * through the `style` attribute. Parley's pages run under a Content-Security-Policy without
 * `'unsafe-inline'`, which blocks style attributes — including the one Lit's `styleMap` writes on
 * its first render — but not the CSSOM. Used as an element binding:
 * `<span ${cssProps({ background: colour })}></span>`, with property names as in CSS.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssPropsDirective extends Directive {
  #previous = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('cssProps() must be used as an element binding');
  }

  render(_props: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<string, string>>]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const name of this.#previous) if (!Object.prototype.hasOwnProperty.call(props, name)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.#previous = new Set(Object.keys(props));
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
