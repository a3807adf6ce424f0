/**
 * A school's Ofsted standing on the policies' scale, from whichever inspection judged it last: a report
 * card, a 2024-25 inspection (key judgements, no overall grade), a legacy overall grade, with a later
 * ungraded inspection keeping (or questioning) it. Mapping tables: docs/ofsted.md.
 */
import type { CalendarDate } from '../dates';
import type { OfstedBand, OfstedSource } from '../facts';
import { KEY_JUDGEMENT_FIELDS, type LegacyGrade, type SchoolRecord } from '../fields';
import { readReportCard, REPORT_CARD_MAPPING_DEFAULTS, type ReportCardMapping } from './reportCardMapping';

/** The standing and where it came from. */
export interface OfstedStanding {
  readonly band: OfstedBand;
  readonly source: OfstedSource;
  readonly equivalentGrade?: 'outstanding' | 'good' | 'satisfactory' | 'requires-improvement' | 'inadequate';
  readonly inCategoryOfConcern: boolean;
  readonly previousBand: OfstedBand;
  /** The latest inspection of any kind. */
  readonly lastInspectionDate?: CalendarDate;
  /** The latest inspection that judged the school (graded or report card). */
  readonly lastJudgedDate?: CalendarDate;
  /** A later ungraded inspection said the next one is graded because of concerns. */
  readonly ungradedConcerns?: boolean;
  /** A later ungraded inspection said the next one is graded (concerns or improvement). */
  readonly gradedNext?: boolean;
}

/** The band of a legacy overall grade. Satisfactory (to August 2012) sits with requires improvement, which replaced it. */
export function bandOfLegacyGrade(grade: LegacyGrade): OfstedBand {
  switch (grade) {
    case 'outstanding':
    case 'good':
      return 'good-or-better';
    case 'satisfactory':
    case 'requires-improvement':
      return 'requires-improvement';
    case 'inadequate':
    case 'serious-weaknesses':
    case 'special-measures':
      return 'inadequate';
    case 'not-judged':
      return 'not-inspected';
  }
}

function equivalentOf(grade: LegacyGrade): OfstedStanding['equivalentGrade'] {
  if (grade === 'serious-weaknesses' || grade === 'special-measures') return 'inadequate';
  return grade === 'not-judged' ? undefined : grade;
}

/** 2 Sept 2024 - Nov 2025: no overall grade; a key judgement Inadequate or ineffective safeguarding is a category of concern (handbook 2024, paras 190-191). */
function fromKeyJudgements(record: SchoolRecord): Pick<OfstedStanding, 'band' | 'equivalentGrade' | 'inCategoryOfConcern'> | null {
  const grades = KEY_JUDGEMENT_FIELDS.map((f) => record[f]).filter((g): g is LegacyGrade => g !== undefined && g !== 'not-judged');
  if (grades.length === 0) return null;
  const bands = grades.map(bandOfLegacyGrade);
  if (bands.includes('inadequate')) return { band: 'inadequate', equivalentGrade: 'inadequate', inCategoryOfConcern: true };
  if (bands.includes('requires-improvement')) return { band: 'requires-improvement', equivalentGrade: 'requires-improvement', inCategoryOfConcern: false };
  return { band: 'good-or-better', equivalentGrade: grades.every((g) => g === 'outstanding') ? 'outstanding' : 'good', inCategoryOfConcern: false };
}

/** Reads the standing of one school. */
export function ofstedStanding(record: SchoolRecord, mapping: ReportCardMapping = REPORT_CARD_MAPPING_DEFAULTS): OfstedStanding {
  const reportCard = readReportCard(record, mapping);
  const reportCardIsLatest = reportCard !== null && record.reportCardDate !== undefined && (record.inspectionDate === undefined || record.reportCardDate >= record.inspectionDate);

  let judged: Pick<OfstedStanding, 'band' | 'source' | 'equivalentGrade' | 'inCategoryOfConcern'> & { date?: CalendarDate };
  let previousBand: OfstedBand = record.previousOfstedGrade ? bandOfLegacyGrade(record.previousOfstedGrade) : 'not-inspected';
  const legacy = record.ofstedGrade !== undefined && record.ofstedGrade !== 'not-judged' ? record.ofstedGrade : undefined;
  const legacyBand = legacy ? bandOfLegacyGrade(legacy) : undefined;

  if (reportCardIsLatest) {
    judged = { band: reportCard.band, source: 'report-card', equivalentGrade: reportCard.equivalentGrade, inCategoryOfConcern: reportCard.inCategoryOfConcern, date: record.reportCardDate };
    // The graded inspection before the report card is the previous standing.
    const before = legacyBand ?? fromKeyJudgements(record)?.band;
    if (before) previousBand = before;
  } else if (legacy) {
    judged = { band: legacyBand!, source: 'legacy-grade', equivalentGrade: equivalentOf(legacy), inCategoryOfConcern: legacy === 'serious-weaknesses' || legacy === 'special-measures', date: record.inspectionDate };
  } else if (fromKeyJudgements(record)) {
    judged = { ...fromKeyJudgements(record)!, source: 'key-judgements', date: record.inspectionDate };
  } else {
    judged = { band: 'not-inspected', source: 'none', inCategoryOfConcern: false, date: record.inspectionDate };
  }

  // Ineffective safeguarding at a graded inspection made the school inadequate (and, from 2024, a category of concern).
  if (!reportCardIsLatest && record.safeguardingEffective === false && judged.band !== 'not-inspected') {
    judged = { ...judged, band: 'inadequate', equivalentGrade: 'inadequate', inCategoryOfConcern: true };
  }
  if (record.categoryOfConcern !== undefined && record.categoryOfConcern !== 'none') {
    judged = { ...judged, band: 'inadequate', equivalentGrade: 'inadequate', inCategoryOfConcern: true, source: judged.source === 'none' ? 'legacy-grade' : judged.source };
  }

  let ungradedConcerns: boolean | undefined;
  let gradedNext: boolean | undefined;
  let lastInspectionDate = judged.date;
  const ungradedIsLatest = record.ungradedInspectionDate !== undefined && (judged.date === undefined || record.ungradedInspectionDate > judged.date);
  if (ungradedIsLatest) {
    lastInspectionDate = record.ungradedInspectionDate;
    ungradedConcerns = record.ungradedOutcome === 'concerns-graded-next';
    gradedNext = record.ungradedOutcome !== undefined && record.ungradedOutcome !== 'remains';
    if (judged.band === 'not-inspected') judged = { ...judged, source: 'ungraded' };
  } else if (record.ungradedOutcome !== undefined) {
    ungradedConcerns = false;
  }

  return {
    band: judged.band,
    source: judged.source,
    equivalentGrade: judged.equivalentGrade,
    inCategoryOfConcern: judged.inCategoryOfConcern,
    previousBand,
    lastInspectionDate,
    lastJudgedDate: judged.date,
    ungradedConcerns,
    gradedNext,
  };
}
