import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { absentColumnNote, checkColumns, columnNeeds, headersThatMatch } from '../../core/columns';
import { fieldsUsedBy } from '../../core/engine';
import { FIELDS } from '../../core/fields';
import { allFrameworks, frameworkById } from '../../core/frameworks';
import { mapHeaders } from '../../core/headers';

const FRAMEWORKS = allFrameworks();
const sampleHeader = readFileSync('examples/sample-register.csv', 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0]!.split(',');

describe.each(FRAMEWORKS.map((fw) => [fw.definition.id, fw] as const))('%s: the columns it cannot decide without', (_id, fw) => {
  const needs = columnNeeds(fw);

  it('are derived from what its criteria read: the URN and an Ofsted judgement are required, every need is read by something', () => {
    expect(needs[0]).toMatchObject({ fields: ['urn'], required: true });
    expect(needs.find((n) => n.as === 'Ofsted judgement') ?? needs.find((n) => n.fields.includes('ofstedGrade'))).toMatchObject({ required: true });
    const read = new Set(fieldsUsedBy(fw));
    for (const n of needs) {
      expect(n.readBy.length, n.as).toBeGreaterThan(0);
      for (const f of n.fields) if (f !== 'urn') expect(read.has(f), `${n.as}: ${f}`).toBe(true);
    }
  });

  it('its definition refines only columns it reads, each optional one with why', () => {
    const read = new Set(fieldsUsedBy(fw));
    for (const g of [...(fw.definition.columns?.oneOf ?? []), ...(fw.definition.columns?.optional ?? [])]) for (const f of g.fields) expect(read.has(f), f).toBe(true);
    for (const o of fw.definition.columns?.optional ?? []) expect(o.why.length).toBeGreaterThan(20);
  });

  it('a register with only URN, School name and Phase is refused, one missing-column error per need, naming the headers that would match', () => {
    const check = checkColumns(fw, mapHeaders(['URN', 'School name', 'Phase']));
    expect(check.missing.length).toBeGreaterThan(3);
    expect(check.problems).toHaveLength(check.missing.length);
    for (const [i, p] of check.problems.entries()) {
      expect(p).toMatchObject({ kind: 'missing-column', severity: 'error', row: 0, column: check.missing[i]!.as });
      for (const h of headersThatMatch(check.missing[i]!)) expect(p.message).toContain(`"${h}"`);
      expect(p.message).toContain(`${fw.definition.name} needs it for: ${check.missing[i]!.readBy[0]}`);
    }
  });

  it('the sample register has every required column', () => {
    expect(checkColumns(fw, mapHeaders(sampleHeader)).missing).toEqual([]);
  });
});

describe('columns of which one will do', () => {
  const oxfordshire = frameworkById('oxfordshire')!;

  it('the Ofsted judgement is met by the key judgements or a report card as well as by the overall grade, and the others are not listed', () => {
    for (const header of ['Ofsted grade', 'Quality of education', 'Leadership and governance']) {
      const check = checkColumns(oxfordshire, mapHeaders([...sampleHeader.filter((h) => !/^(Ofsted grade|Quality of education|Behaviour and attitudes|Personal development|Leadership and management|Inclusion|Curriculum and teaching|Achievement|Attendance and behaviour|Personal development and wellbeing|Leadership and governance|Early years|Post-16 provision)$/.test(h)), header]));
      expect(check.missing, header).toEqual([]);
      expect(check.absent.map((n) => n.as), header).not.toContain('Ofsted judgement');
    }
  });

  it('a trigger of two concerns runs on one of them; the other is listed as not in the register, with what could not fire', () => {
    const check = checkColumns(oxfordshire, mapHeaders(sampleHeader.filter((h) => h !== 'Exclusions concern')));
    expect(check.missing).toEqual([]);
    const exclusions = check.absent.find((n) => n.fields[0] === 'exclusionsConcern')!;
    expect(absentColumnNote(exclusions)).toBe('Exclusions concern: not in this register, so these could not fire: Concerns about attendance and/or exclusions.');
  });

  it('an optional column the definition lets a register lack says why', () => {
    const check = checkColumns(oxfordshire, mapHeaders(sampleHeader.filter((h) => !/^Ungraded/.test(h))));
    expect(check.missing).toEqual([]);
    const note = absentColumnNote(check.absent.find((n) => n.fields[0] === 'ungradedOutcome')!);
    expect(note).toMatch(/^Ungraded outcome: not in this register, so these could not fire: Ungraded \(section 8\) inspection identified a risk of less than good \(ungraded \(section 8\) inspections belong to the framework before report cards/);
  });

  it('a single column lists every header recognised for it', () => {
    expect(headersThatMatch({ fields: ['attendancePct'], as: 'Attendance %', kind: 'parts' })).toEqual([...FIELDS.attendancePct.aliases]);
  });
});
