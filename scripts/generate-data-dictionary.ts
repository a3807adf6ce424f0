/**
 * Writes docs/data-dictionary.md from the field catalogue (core/fields.ts) and the frameworks that read
 * each field, so the dictionary can never drift from the code. `--check` fails when the file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { columnNeeds } from '../core/columns';
import { fieldsUsedBy } from '../core/engine';
import { FIELDS, FIELD_KEYS, type FieldDef, type FieldKey } from '../core/fields';
import { allFrameworks } from '../core/frameworks';
import { BLANK_READINGS } from '../core/missingEvidence';
import { MISSING_MARKERS } from '../core/missingMarkers';

const PATH = 'docs/data-dictionary.md';

function typeText(def: FieldDef): string {
  const t = def.type;
  switch (t.kind) {
    case 'text': return `text (up to ${t.maxLength} characters)`;
    case 'urn': return 'URN (6 digits)';
    case 'date': return `date (Excel date, dd/mm/yyyy or yyyy-mm-dd${t.notAfterAsOf ? '; not after the as-of date' : ''})`;
    case 'yesNo': return `yes/no (Yes, No, Y, N, TRUE, FALSE, 1, 0${t.extraTrue ? `, ${t.extraTrue.join(', ')}` : ''}${t.extraFalse ? `, ${t.extraFalse.join(', ')}` : ''})`;
    case 'number': return `${t.integer ? 'whole number' : 'number'} ${t.min} to ${t.max}${t.unit === 'per-cent' ? ' (a percentage: 85, 85% or 0.85)' : t.unit !== null ? ' (5 and 5% are 5)' : ' (no % sign)'}`;
    case 'enum': {
      const synonyms = Object.entries(t.synonyms).filter(([k, v]) => k !== v.toLowerCase().replace(/[^a-z0-9+]/g, '')).map(([k, v]) => `${k} → ${v}`);
      return `one of: ${t.values.join(', ')}${synonyms.length ? `<br>also read: ${synonyms.join(', ')}` : ''}`;
    }
  }
}

/**
 * The figures that need a yearly update: every dated parameter of the built-in frameworks (national
 * averages and the like), with the latest value, the date it is in force from and its source.
 */
function yearlyUpdates(): string[] {
  const rows: string[] = [];
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  for (const fw of allFrameworks()) {
    for (const [name, p] of Object.entries(fw.definition.parameters)) {
      const dates = Object.keys(p.values ?? {}).sort();
      const latest = dates[dates.length - 1];
      if (latest === undefined) continue;
      const ref = p.references?.[latest];
      const source = ref ? (ref.href ? `[${cell(ref.title)}](${ref.href})` : cell(ref.title)) : '(no source given)';
      rows.push(`| ${fw.definition.id} | \`${name}\` | ${cell(p.standIn ?? p.description)} | ${String(p.values![latest])}${p.unit ? ` ${p.unit}` : ''} from ${latest} (${dates.length} dated values since ${dates[0]}) | ${source} |`);
    }
  }
  if (rows.length === 0) return [];
  return [
    '## Figures that need a yearly update',
    '',
    'These parameters are national figures published each year. Each is a table of dated values with its source',
    '(`values` and `references` in the framework file): a run uses the value in force at its as-of date, so a backtest uses',
    'the figures of its year, and a run after the latest date keeps the latest figure until the next is added. When the DfE',
    'publishes the next year\'s figure, add one dated line with its reference (the first of September after the results, as',
    'the lines below) and change the framework\'s `version`. `schoolrisk frameworks --as-of <date>` shows which value applies.',
    '',
    '| framework | parameter | compared with | latest value | source of the latest value |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ];
}

/** The dictionary's Markdown. */
export function dataDictionary(): string {
  const users = new Map<FieldKey, string[]>();
  // How each framework needs a field: "required", or one of a required group ("one of: Ofsted judgement").
  const needed = new Map<string, string>();
  for (const fw of allFrameworks()) {
    for (const f of fieldsUsedBy(fw)) users.set(f, [...(users.get(f) ?? []), fw.definition.id]);
    for (const n of columnNeeds(fw)) if (n.required) for (const f of n.fields) needed.set(`${fw.definition.id}|${f}`, n.fields.length === 1 ? 'required' : `one of: ${n.as}`);
  }
  const usedBy = (key: FieldKey) => {
    const all = users.get(key) ?? [];
    if (all.length === 0) return key === 'urn' ? 'every framework (required)' : '(context only)';
    return all.map((id) => (needed.has(`${id}|${key}`) ? `${id} (${needed.get(`${id}|${key}`)})` : id)).join(', ');
  };
  const groups = [...new Set(FIELD_KEYS.map((k) => FIELDS[k].group))];
  const lines = [
    '# Data dictionary',
    '',
    'Every column the add-in reads. Generated from `core/fields.ts` by `npx tsx scripts/generate-data-dictionary.ts`; do not edit by hand.',
    '',
    'Header matching ignores case, spaces and punctuation: "Ofsted grade", "OFSTED GRADE" and "ofsted-grade" are the same header.',
    'A blank cell is "not known": a criterion that needs it neither fires nor fails, and the trace says what was missing. Where it could make the',
    'school more concerning, the result is provisional: the shells give the most concerning category the blank cells could give and name them',
    '(the Missing evidence column, `provisional` in JSON, "(provisional)" from RISKCATEGORY). Some blanks say something instead, and are not',
    'missing evidence: the "a blank means" column below (`BLANK_READINGS` in `core/missingEvidence.ts`).',
    '"(required)" marks a column without which that framework refuses the register; "(one of: ...)" one of several of which the register',
    'needs one. Each framework\'s "Columns it needs" (docs/frameworks/) lists them with what reads them.',
    'Columns the add-in does not recognise are left alone and listed by `schoolrisk validate`.',
    '',
    'A percentage is read as written ("85" and "85%" are 85%), and a number strictly between 0 and 1 as a fraction (0.85 is 85%), as',
    'Excel\'s percentage format holds it. Excel holds 100% as 1, which alone would read as 1%: so a register\'s percentage column whose',
    'numbers all lie from 0 to 1, at least one of them strictly between, is read as a column of fractions, its 1 as 100%, with a warning on',
    'that cell (`core/fractionColumns.ts`). A column with any number above 1 is one of percentages as written, and its 1 is 1%. A column',
    'of only 0s and 1s is read as written too, with one warning on the column, since a percentage format shows its 1 as 100%. One row',
    'alone (NEXTINSPECTIONRISK\'s `headers` and `row`) cannot say which: there 1 is 1%, and a school at 100% needs 100 in its cell.',
    'A % sign is read only where it is the column\'s unit: the percentages, the suspension rate (per 100 pupils) and the disadvantaged',
    'gap (percentage points), where "5%" is 5. In a score or a count ("0.5%" for Progress 8, "28%" for a cohort) the cell is refused,',
    'naming it, rather than read without its sign as another number. The disadvantaged gap, in points, is often worked out as the',
    'difference of two fractions in a percentage format (0.25 shown as 25%): a gap column whose numbers all lie from -1 to 1, at least',
    'one a fraction and at least five of them, is read times 100, with one warning on the column (`core/fractionColumns.ts`).',
    'The command line also knows each cell\'s number format: a number shown as a percentage, in any of these columns, is read as the',
    'percentage it shows (0.052 shown as 5.2% is a suspension rate of 5.2, which its number alone, a rate below one, could not say),',
    'with nothing guessed or warned of (`src/run/percentCells.ts`). The task pane reads the formats of a suspension rate\'s column (of a',
    'framework that reads it; none of the five built-ins does), riding on its reads of the rows, and the other columns by their numbers',
    'as above; the functions are given values without formats.',
    '',
  ];
  for (const group of groups) {
    lines.push(`## ${group}`, '', '| field | header names recognised | type and allowed values | used by | meaning | a blank means |', '|---|---|---|---|---|---|');
    for (const key of FIELD_KEYS.filter((k) => FIELDS[k].group === group)) {
      const def: FieldDef = FIELDS[key];
      const cell = (s: string) => s.replace(/\|/g, '\\|');
      const blank = BLANK_READINGS[key]?.means ?? 'missing evidence';
      lines.push(`| \`${key}\` | ${cell(def.aliases.map((a) => `"${a}"`).join(', '))} | ${cell(typeText(def))} | ${usedBy(key)} | ${cell(def.description)} | ${cell(blank)} |`);
    }
    lines.push('');
  }
  lines.push(...yearlyUpdates());
  lines.push(
    '## Missing-data codes',
    '',
    'Published downloads write a code where a value is missing or withheld. In any column but a text one, a cell holding one of these',
    'codes (any case) is read as blank, with a warning naming the row, the column and the code, unless the code is one of the',
    'column\'s own values ("C" is a Southwark area grade, "N/A" a category of concern of none). The list is `MISSING_MARKERS` in',
    '`core/missingMarkers.ts`.',
    '',
    '| code | means | written by |',
    '|---|---|---|',
    ...MISSING_MARKERS.map((m) => `| \`${m.code}\` | ${m.meaning} | ${m.source} |`),
    '',
  );
  return lines.join('\n');
}

if (process.argv[1] && /generate-data-dictionary\.ts$/.test(process.argv[1])) {
  const text = dataDictionary();
  if (process.argv.includes('--check')) {
    if (readFileSync(PATH, 'utf8') !== text) {
      console.error(`${PATH} is out of date: run npx tsx scripts/generate-data-dictionary.ts`);
      process.exit(1);
    }
  } else {
    writeFileSync(PATH, text);
    console.log(`wrote ${PATH}`);
  }
}
