import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { absentColumnNote, checkColumns, columnNeeds, headersThatMatch } from '../../core/columns';
import { fieldsUsedBy } from '../../core/engine';
import { FIELDS } from '../../core/fields';
import { allFrameworks, frameworkById } from '../../core/frameworks';
import { mapHeaders } from '../../core/headers';
import { categoriseRegister, fieldsReadFor } from '../../core/register';
import { RISK_MODEL_INPUTS } from '../../core/facts';
import { BENCH_AS_OF, englandRegister } from '../../bench/englandRegister';

const FRAMEWORKS = allFrameworks();
const sampleHeader = readFileSync('examples/sample-register.csv', 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0]!.split(',');

describe.each(FRAMEWORKS.map((fw) => [fw.definition.id, fw] as const))('%s: the columns it cannot decide without', (_id, fw) => {
  const needs = columnNeeds(fw);

  it('are derived from what its criteria read: the URN and an Ofsted judgement are required, every need is read by something', () => {
    expect(needs[0]).toMatchObject({ fields: ['urn'], required: true });
    expect(needs.find((n) => n.as === 'Ofsted judgement') ?? needs.find((n) => n.fields.includes('ofstedGrade'))).toMatchObject({ required: true });
    const read = new Set(fieldsUsedBy(fw));
    // An input a worked-out fact can do without (the risk model's attendance) is read by the run, not by a criterion's own sources.
    const readByRun = fieldsReadFor(fw);
    for (const n of needs) {
      expect(n.readBy.length, n.as).toBeGreaterThan(0);
      for (const f of n.fields) if (f !== 'urn') expect((n.inputOf ? readByRun : read).has(f), `${n.as}: ${f}`).toBe(true);
      if (n.inputOf) expect(n.required, n.as).toBe(false);
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

  const OFSTED_COLUMNS = /^(Ofsted grade|Quality of education|Behaviour and attitudes|Personal development|Leadership and management|Inclusion|Curriculum and teaching|Achievement|Attendance and behaviour|Personal development and wellbeing|Leadership and governance|Early years|Post-16 provision)$/;
  const eraOf = (n: { as: string }) => n.as.replace(/ \(.*$/, '');

  it('the Ofsted judgement is met by the key judgements or a report card as well as by the overall grade; the eras the register lacks are each said', () => {
    const lacking = { 'Ofsted grade': ['Key judgements', 'Report-card areas'], 'Quality of education': ['Ofsted grade', 'Report-card areas'], 'Leadership and governance': ['Ofsted grade', 'Key judgements'] };
    for (const [header, eras] of Object.entries(lacking)) {
      const check = checkColumns(oxfordshire, mapHeaders([...sampleHeader.filter((h) => !OFSTED_COLUMNS.test(h)), header]));
      expect(check.missing, header).toEqual([]);
      expect(check.absent.map((n) => n.as), header).not.toContain('Ofsted judgement');
      expect(check.absent.filter((n) => n.records).map(eraOf), header).toEqual(eras);
    }
    // With every era's columns, none is said.
    expect(checkColumns(oxfordshire, mapHeaders(sampleHeader)).absent.filter((n) => n.records)).toEqual([]);
  });

  it('a register without the Ofsted grade column says an overall grade cannot be read, rather than reading those schools as judged by nothing', () => {
    const check = checkColumns(oxfordshire, mapHeaders(sampleHeader.filter((h) => h !== 'Ofsted grade')));
    const grade = check.absent.find((n) => n.records)!;
    expect(grade.fields).toEqual(['ofstedGrade']);
    expect(absentColumnNote(grade)).toMatch(/^Ofsted grade: not in this register, so an overall grade \(every graded inspection until August 2024\) cannot be read: a school judged last that way has no Ofsted judgement here, unless the register's other Ofsted columns give one, and its result is not marked provisional for it \(read by: Judged inadequate \(or in an Ofsted category of concern\); Judged requires improvement; /);
    // Why it must be said: results move without the column (and no row is marked provisional for it).
    const { header, rows } = englandRegister(500);
    const gradeAt = header.indexOf('Ofsted grade');
    const categories = (h: readonly string[], data: readonly (readonly unknown[])[]) => categoriseRegister(oxfordshire, h, data, { asOf: BENCH_AS_OF, headerRowNumber: 1 }).rows.map((r) => r.result?.category);
    const moved = categories(header.filter((_, i) => i !== gradeAt), rows.map((r) => r.filter((_, i) => i !== gradeAt)));
    expect(moved.filter((c, i) => c !== categories(header, rows)[i]).length).toBeGreaterThan(0);
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

describe('inputs a worked-out fact can do without', () => {
  const oxfordshire = frameworkById('oxfordshire')!;
  const { header, rows } = englandRegister(2000);

  const without = (...labels: string[]) => header.filter((h) => !labels.includes(h));
  const inputsLine = (fw: typeof oxfordshire, h: readonly string[]) => checkColumns(fw, mapHeaders(h)).absent.filter((n) => n.inputOf);

  it('a register without Attendance % says the next-inspection risk is worked out without it, where a criterion reads the risk', () => {
    // The benchmark register lacks a few of Oxfordshire's inputs already (concern flags): Attendance % joins them.
    expect(inputsLine(oxfordshire, header).flatMap((n) => n.fields)).not.toContain('attendancePct');
    const check = checkColumns(oxfordshire, mapHeaders(without(FIELDS.attendancePct.label)));
    expect(check.missing).toEqual([]);
    const line = check.absent.filter((n) => n.inputOf);
    expect(line).toHaveLength(1);
    expect(line[0]!.fields[0]).toBe('attendancePct');
    expect(absentColumnNote(line[0]!)).toMatch(/^Attendance %, [^:]+: not in this register, so the next-inspection risk is worked out without them \(read by: Risk of being judged less than good at the next inspection\)\.$/);
    // The register's outcome carries it, for the summary and the Run sheet.
    const kept = header.map((h, i) => [h, i] as const).filter(([h]) => h !== FIELDS.attendancePct.label).map(([, i]) => i);
    const outcome = categoriseRegister(oxfordshire, kept.map((i) => header[i]!), rows.map((r) => kept.map((i) => r[i]!)), { asOf: BENCH_AS_OF, headerRowNumber: 1 });
    expect(outcome.absentColumns.map(absentColumnNote)).toEqual(check.absent.map(absentColumnNote));
  });

  it('a single absent input is said as one column; several are one line, naming each and every fact worked out without them', () => {
    const full = [...header, ...['qualityOfEducationConcern', 'behaviourConcern', 'earlyYearsConcern', 'yearsHighExclusions', 'sendConcern', 'financeConcern'].filter((f) => f in FIELDS).map((f) => FIELDS[f as keyof typeof FIELDS].label)];
    const one = inputsLine(oxfordshire, full.filter((h) => h !== FIELDS.attendancePct.label));
    expect(one.map(absentColumnNote)).toEqual(['Attendance %: not in this register, so the next-inspection risk is worked out without it (read by: Risk of being judged less than good at the next inspection).']);
    const several = inputsLine(oxfordshire, full.filter((h) => !([FIELDS.attendancePct.label, FIELDS.categoryOfConcern.label, FIELDS.persistentAbsencePct.label] as string[]).includes(h)));
    expect(several).toHaveLength(1);
    expect(several[0]!.fields).toEqual(['categoryOfConcern', 'attendancePct', 'persistentAbsencePct']);
    const note = absentColumnNote(several[0]!);
    expect(note).toMatch(/^Category of concern, Attendance %, Persistent absence %: not in this register, so .+ are worked out without them \(read by: /);
    expect(note).toContain('the next-inspection risk');
    expect(note).toContain('the Ofsted category of concern');
  });

  it('a framework that does not read the next-inspection risk does not list its inputs', () => {
    const herefordshire = frameworkById('herefordshire')!;
    expect(columnNeeds(herefordshire).some((n) => n.inputOf?.includes('Next-inspection risk'))).toBe(false);
    // A risk input the benchmark register has and no Herefordshire criterion reads.
    const input = RISK_MODEL_INPUTS.find((f) => header.includes(FIELDS[f].label) && !columnNeeds(herefordshire).some((n) => n.fields.includes(f)))!;
    expect(input).toBeDefined();
    expect(checkColumns(herefordshire, mapHeaders(without(FIELDS[input].label))).absent).toEqual(checkColumns(herefordshire, mapHeaders(header)).absent);
  });

  // The README tells an analyst with a large register to give RISKCATEGORY only the columns "Columns it needs" lists (CHOOSECOLS).
  it.each(FRAMEWORKS.map((fw) => [fw.definition.id, fw] as const))('%s: a register narrowed to the columns it needs and the override columns gives the whole register\'s results', (_id, fw) => {
    const kept = new Set([...columnNeeds(fw).flatMap((n) => n.fields), 'categoryOverride', 'overrideReason'].map((f) => FIELDS[f as keyof typeof FIELDS].label));
    const columns = header.map((h, i) => [h, i] as const).filter(([h]) => kept.has(h)).map(([, i]) => i);
    expect(columns.length).toBeLessThan(header.length);
    const whole = categoriseRegister(fw, header, rows, { asOf: BENCH_AS_OF, headerRowNumber: 1 });
    const narrow = categoriseRegister(fw, columns.map((i) => header[i]!), rows.map((r) => columns.map((i) => r[i]!)), { asOf: BENCH_AS_OF, headerRowNumber: 1 });
    const shown = (o: typeof whole) => o.rows.map((r) => `${r.result?.category}|${r.result?.variant?.id ?? ''}|${r.provisional?.worstCase ?? ''}|${r.provisional?.missing.join(',') ?? ''}`);
    expect(shown(narrow)).toEqual(shown(whole));
  });
});
