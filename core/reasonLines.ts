/**
 * The Reasons column of the register: each reason's label, grouped under the section of the policy it
 * cites, one line a section in the order first cited ("Low attendance; Leadership issues [Appendix 5,
 * Medium risk: Timetabled support]"). The cell stays short so a country's register writes in few syncs;
 * the values that made each criterion fire and the policy's words are in the school's profile, the JSON
 * output, RISKREASONS and Compare.
 */
import type { Reason } from './result';

/**
 * A section as the cell cites it: a reading of ours where the policy is silent keeps "(our reading)" and
 * leaves its explanation to the profile, so readings of one section group on one line.
 */
export function cellSection(section: string): string {
  const at = section.indexOf(' (our reading');
  return at >= 0 && section.endsWith(')') ? `${section.slice(0, at)} (our reading)` : section;
}

/** One line per cited section: its reasons' labels, then the section. */
export function reasonLines(reasons: readonly Pick<Reason, 'label' | 'citation'>[]): string[] {
  const bySection = new Map<string, string[]>();
  for (const r of reasons) {
    const section = cellSection(r.citation.section);
    const labels = bySection.get(section);
    if (labels) {
      if (!labels.includes(r.label)) labels.push(r.label);
    } else bySection.set(section, [r.label]);
  }
  return [...bySection].map(([section, labels]) => `${labels.join('; ')} [${section}]`);
}
