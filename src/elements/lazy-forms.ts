/**
 * The chat's forms, loaded when first needed: the request forms (`<parley-elevation>`), the
 * pre-chat form (`<parley-prechat>`) and the "leave a message" form (`<parley-work-item>`) are
 * most of the widget's code, and most visitors never open one. `<parley-chat>` renders their
 * tags as usual and asks for the module here when a form is about to show (or when the browser is
 * idle with the panel open); the element upgrades when its definition lands, keeping the
 * properties Lit set on it before.
 *
 * Invariants:
 * - Each tag's module is imported at most once per registry, even when asked for many times at
 *   once; a tag that the registry already holds (the page, or `defineParleyElements()`, defined
 *   it) resolves at once, without importing anything.
 * - Each `import()` is written out literally, so that bundlers make one chunk per form.
 * - A failed import (the network dropped while the chunk was loading) is forgotten, so the next
 *   need tries again instead of holding a rejected promise for good.
 */
import { whenIdle } from './base/idle.js';

/** The tags of the forms the chat loads on demand. */
export type LazyFormTag = 'parley-elevation' | 'parley-prechat' | 'parley-work-item';

/** What a form module gives: a class with the guarded `define` of `ParleyElement`. */
interface Definable {
  define(tag: string, registry?: CustomElementRegistry): void;
}

const MODULES: Record<LazyFormTag, () => Promise<Definable>> = {
  'parley-elevation': () => import('./parley-elevation/parley-elevation.js').then((m) => m.ParleyElevation),
  'parley-prechat': () => import('./parley-prechat/parley-prechat.js').then((m) => m.ParleyPreChat),
  'parley-work-item': () => import('./parley-work-item/parley-work-item.js').then((m) => m.ParleyWorkItem),
};

/** The definitions under way or done, per registry. */
const loading = new WeakMap<CustomElementRegistry, Map<LazyFormTag, Promise<void>>>();

/**
 * Loads and defines the form element `tag` in `registry`, once. Resolves when the tag is defined;
 * rejects when its module could not be loaded (a later call tries again).
 */
export function loadForm(tag: LazyFormTag, registry: CustomElementRegistry = customElements): Promise<void> {
  let forms = loading.get(registry);
  if (!forms) loading.set(registry, (forms = new Map()));
  const known = forms.get(tag);
  if (known) return known;
  const defined = registry.get(tag)
    ? Promise.resolve()
    : MODULES[tag]().then((element) => {
        element.define(tag, registry);
      });
  const settled = defined.catch((error: unknown) => {
    forms.delete(tag);
    throw error;
  });
  forms.set(tag, settled);
  return settled;
}

/**
 * Loads the forms `tags` when the browser is next idle, so that they show without a wait when
 * asked for. Failures are left to the next `loadForm()` of the tag, which reports them.
 */
export function prefetchForms(tags: readonly LazyFormTag[], registry: CustomElementRegistry = customElements): void {
  if (tags.length === 0) return;
  whenIdle(() => {
    for (const tag of tags) loadForm(tag, registry).catch(() => undefined);
  });
}
