/** The pane's words after a run about the columns a register lacks (taskpane/runNotice.ts). */
import { describe, expect, it } from 'vitest';
import { BENCH_AS_OF, englandRegister } from '../../bench/englandRegister';
import { FIELDS } from '../../core/fields';
import { frameworkById } from '../../core/frameworks';
import { planRun } from '../../src/run/registerRun';
import { provisionalNote } from '../../taskpane/runNotice';

const oxfordshire = frameworkById('oxfordshire')!;
const { header, rows } = englandRegister(300);

function planWithout(...labels: string[]) {
  const kept = header.map((h, i) => [h, i] as const).filter(([h]) => !labels.includes(h)).map(([, i]) => i);
  return planRun([kept.map((i) => header[i]!), ...rows.map((r) => kept.map((i) => r[i]!))], { framework: oxfordshire, asOf: BENCH_AS_OF, source: 'test' });
}

describe('after a run, the columns the register lacks', () => {
  it('says what could not fire apart from what was worked out without a column, naming each column', () => {
    const note = provisionalNote(planWithout(FIELDS.attendancePct.label, FIELDS.yearsHighExclusions.label));
    expect(note).toMatch(/ Not in this register, so what reads them could not fire: [^.]*Years of high exclusions[^.]* \(see the Run log\)\./);
    // The inputs of the next-inspection risk are named as columns, not as a heading, and not among what could not fire.
    expect(note).toMatch(/ The next-inspection risk is worked out without Attendance %[^.]*, not in this register \(see the Run log\)\.$/);
    expect(note).not.toMatch(/could not fire: [^.]*Attendance %/);
    expect(note).not.toContain('Inputs of worked-out facts');
  });

  it('says an era of Ofsted judgements the register lacks cannot be read, not that something "could not fire"', () => {
    const note = provisionalNote(planWithout(FIELDS.ofstedGrade.label));
    expect(note).toContain(' Ofsted grade: not in this register, so an overall grade (every graded inspection until August 2024) cannot be read (see the Run log).');
    expect(note).not.toMatch(/could not fire: [^.]*Ofsted grade/);
  });
});
