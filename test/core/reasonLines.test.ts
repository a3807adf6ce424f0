import { describe, expect, it } from 'vitest';
import { allFrameworks } from '../../core/frameworks';
import { cellSection, reasonLines } from '../../core/reasonLines';
import { BENCH_AS_OF, englandRegister } from '../../bench/englandRegister';
import { buildPack } from '../../src/run/pack';
import { planRun, RESULT_HEADERS } from '../../src/run/registerRun';

const reason = (label: string, section: string) => ({ label, citation: { section, quote: 'q' } });

describe('the Reasons cell: labels grouped under the section they cite', () => {
  it('writes one line a section, in the order first cited, each label once', () => {
    expect(reasonLines([
      reason('Low attendance', 'Appendix 5, Medium risk: Timetabled support'),
      reason('A declining trend', 'Appendix 5, Medium risk: Enhanced priority'),
      reason('Leadership issues', 'Appendix 5, Medium risk: Timetabled support'),
      reason('Low attendance', 'Appendix 5, Medium risk: Timetabled support'),
    ])).toEqual([
      'Low attendance; Leadership issues [Appendix 5, Medium risk: Timetabled support]',
      'A declining trend [Appendix 5, Medium risk: Enhanced priority]',
    ]);
    expect(reasonLines([])).toEqual([]);
  });

  it('says "our reading" where a criterion is ours, its explanation left to the profile, so readings of one section share a line', () => {
    expect(reasonLines([
      reason('Judged requires improvement by Ofsted', '§5 Categorisation, table, Purple (our reading: an Ofsted judgement of requires improvement is purple)'),
      reason('Locally assessed as requiring improvement', '§5 Categorisation, table, Purple (our reading: an LA judgement of requires improvement (or vulnerable) is purple)'),
      reason('Safeguarding not effective', '§4.1 The role of the School Improvement Service'),
    ])).toEqual([
      'Judged requires improvement by Ofsted; Locally assessed as requiring improvement [§5 Categorisation, table, Purple (our reading)]',
      'Safeguarding not effective [§4.1 The role of the School Improvement Service]',
    ]);
    expect(cellSection('Appendix 5 (secondary)')).toBe('Appendix 5 (secondary)');
  });

  it('in the register, every fired criterion is named with its section, and the values that fired it are in the school\'s profile', () => {
    const { header, rows } = englandRegister(400);
    const column = RESULT_HEADERS.indexOf('Reasons');
    for (const fw of allFrameworks()) {
      const plan = planRun([header, ...rows], { framework: fw, asOf: BENCH_AS_OF, source: 'bench' });
      const pack = buildPack(plan, fw, { asOf: BENCH_AS_OF, ranAt: new Date(Date.UTC(2026, 10, 1)), source: 'bench', history: [] });
      let profiled = 0;
      for (const r of plan.rows) {
        const res = r.outcome.result;
        if (!res || res.override) continue;
        const cell = String(r.cells[column]);
        for (const x of res.reasons) {
          const section = cellSection(x.citation.section);
          const line = cell.split('\n').find((l) => l.endsWith(` [${section}]`));
          expect(line, `${fw.definition.id} row ${r.outcome.row}: ${x.label}`).toBeDefined();
          expect(line!.slice(0, -(section.length + 3)).split('; ')).toContain(x.label);
        }
        // Shorter than the reasons in full whenever a reason carries the values it saw.
        if (res.reasons.some((x) => x.seen)) expect(cell.length).toBeLessThan(res.reasons.map((x) => x.text).join('\n').length);
        const profile = pack.profiles.find((p) => p.urn === (r.outcome.urn ?? ''));
        if (profile) {
          profiled++;
          expect(profile.reasons.map((x) => x.text)).toEqual(res.reasons.map((x) => `${x.label}${x.seen ? ` (${x.seen})` : ''}`));
        }
      }
      expect(profiled, fw.definition.id).toBeGreaterThan(0);
    }
  });
});
