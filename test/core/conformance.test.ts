import { describe, expect, it } from 'vitest';
import { caseFacts } from '../../core/conformance';
import { fromIsoDate } from '../../core/dates';

describe('a fact: column of the cases\' register', () => {
  it('names a derived fact of the file\'s own, never one of Object\'s ("fact:constructor" is refused)', () => {
    const header = ['URN', 'School name', 'Phase', 'fact:constructor', 'fact:toString'];
    const { problems } = caseFacts(header, [['920001', 'Good School', 'Primary', '5', '5']], () => ({ asOf: fromIsoDate('2026-11-01')! }));
    expect(problems.map((p) => p.replace(/: expected a derived fact: .*/, ''))).toEqual(['register: column "fact:constructor"', 'register: column "fact:toString"']);
    expect(problems[0]).toMatch(/expected a derived fact: isAcademy, ofstedBand, .*riseStuck\.$/);
  });
});
