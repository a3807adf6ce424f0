/**
 * The Reasons column of the register: each reason's label, grouped under the section of the policy it
 * cites, one line a section in the order first cited ("Low attendance; Leadership issues [Appendix 5,
 * Medium risk: Timetabled support]"). The cell stays short so a country's register writes in few syncs;
 * the values that made each criterion fire and the policy's words are in the school's profile, the JSON
 * output, RISKREASONS and Compare.
 */
import type { Reason } from './result';

/** One line per cited section: its reasons' labels, then the section. */
export function reasonLines(reasons: readonly Pick<Reason, 'label' | 'citation'>[]): string[] {
  const bySection = new Map<string, string[]>();
  for (const r of reasons) {
    const labels = bySection.get(r.citation.section);
    if (labels) {
      if (!labels.includes(r.label)) labels.push(r.label);
    } else bySection.set(r.citation.section, [r.label]);
  }
  return [...bySection].map(([section, labels]) => `${labels.join('; ')} [${section}]`);
}
