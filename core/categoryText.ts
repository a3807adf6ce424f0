/**
 * A category as the shells write it in a cell ("Requires improvement (Past the expectation of Good within
 * four terms) (provisional) [override]") and back again: one spelling for the register's Category column,
 * the pane, the comparison and RISKCATEGORY, and one reading of any of them for SUPPORTDAYS and for the
 * previous run's column, so whatever we write can be handed back to us.
 */
import type { CompiledFramework } from './engine';
import { normaliseKey } from './fields';

const PROVISIONAL = ' (provisional)';
const OVERRIDE = ' [override]';

/** The text of a category: its label, the variant in brackets, "(provisional)", then " [override]". */
export function categoryText(label: string, variant: string | null | undefined, provisional: boolean, overridden = false): string {
  return `${label}${variant ? ` (${variant})` : ''}${provisional ? PROVISIONAL : ''}${overridden ? OVERRIDE : ''}`;
}

type Category = CompiledFramework['categories'][number];
const written = new WeakMap<CompiledFramework, ReadonlyMap<string, Category>>();

/** Every text `categoryText` can give for the framework's categories, plus their ids, normalised. */
function writtenForms(fw: CompiledFramework): ReadonlyMap<string, Category> {
  let forms = written.get(fw);
  if (!forms) {
    const map = new Map<string, Category>();
    for (const c of fw.categories) {
      const bases = [c.def.id, c.def.label, ...c.variants.map((v) => categoryText(c.def.label, v.label, false))];
      for (const base of bases) {
        for (const provisional of [false, true]) {
          for (const overridden of [false, true]) map.set(normaliseKey(categoryText(base, null, provisional, overridden)), c);
        }
      }
    }
    forms = map;
    written.set(fw, forms);
  }
  return forms;
}

/** The category a cell names, in any form `categoryText` writes it (any case and spacing), or by id. */
export function categoryOfText(fw: CompiledFramework, text: string): Category | undefined {
  return fw.categoryByKey.get(normaliseKey(text)) ?? writtenForms(fw).get(normaliseKey(text));
}
