/**
 * Reason lines an analyst would read as said twice: the same line, the same criterion, or a line that
 * only restates another (a criterion that rests on another listed one and shows the same evidence, as a
 * summary criterion such as "A trigger for bespoke work" would beside "Concerns around safeguarding").
 */
import type { CompiledFramework } from '../../core/engine';
import type { Reason } from '../../core/result';

/** What repeats among one school's reasons, one line each; empty when nothing does. */
export function repeatedReasonLines(fw: CompiledFramework, reasons: readonly Reason[]): string[] {
  const out: string[] = [];
  const byId = new Map(fw.inDefinitionOrder.map((c) => [c.id, c]));
  reasons.forEach((a, i) => {
    reasons.forEach((b, j) => {
      if (j <= i) return;
      if (a.text === b.text) out.push(`the same line twice: ${a.text}`);
      else if (a.criterion === b.criterion) out.push(`criterion ${a.criterion} twice`);
    });
    const ca = byId.get(a.criterion);
    if (!ca) return;
    for (const b of reasons) {
      const cb = byId.get(b.criterion);
      if (b === a || !cb || !ca.refersTo.includes(cb.index)) continue;
      if (a.seen === b.seen) out.push(`"${a.text}" restates "${b.text}"`);
    }
  });
  return out;
}
