/**
 * "Stuck" schools, as the DfE defines them for its RISE teams (Regional Improvement for Standards and
 * Excellence), from Ofsted's judgements:
 *
 * - Before report cards: "a state-funded school that was graded Requires Improvement – or equivalent – at
 *   its most recent Ofsted inspection and was also graded below Good at its previous Ofsted inspection";
 *   for 2024/25 inspections (no overall grade) "a sub-judgement of Requires Improvement for leadership and
 *   management and/or quality of education" counts as the equivalent (DfE, Schools eligible for RISE
 *   intervention, explore-education-statistics.service.gov.uk).
 * - Under report cards: "schools which receive a 'needs attention' grade for leadership and governance,
 *   which were graded below good, or equivalent, at their previous Ofsted inspection" (the same release, as
 *   reported; shared/REPORT-CARDS-AND-RISE.md section 3).
 */
import type { SchoolRecord } from '../fields';
import type { OfstedStanding } from './standing';

/** Why a school is stuck, in words; `null` when it is not. */
export function stuckReason(record: SchoolRecord, standing: OfstedStanding): string | null {
  const before = standing.previousBand === 'requires-improvement' ? 'RI' : standing.previousBand === 'inadequate' ? 'inadequate' : null;
  if (before === null) return null;
  if (standing.source === 'report-card') {
    return record.rcLeadershipGovernance === 'needs-attention' ? `Leadership and governance needs attention, ${before} before` : null;
  }
  return standing.band === 'requires-improvement' ? `RI (or equivalent) now, ${before} before` : null;
}
