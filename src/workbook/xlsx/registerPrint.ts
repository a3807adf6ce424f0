/**
 * Whose printing the register sheet has. The copy sets the register to print as ours (A4 landscape, as
 * many pages wide as keep it legible, our header and footer) only where the sheet has nothing of the
 * analyst's: the page setup and the header/footer are judged apart, so an analyst's "OFFICIAL-SENSITIVE"
 * header is kept even when the page setup is only a program's default, and an analyst's paper or scale is
 * kept whatever the header. What a program writes for a fresh sheet (Excel's printer defaults, LibreOffice's
 * and Gnumeric's A4 portrait at 100% with "sheet name / Page n", openpyxl's and XlsxWriter's nothing) is
 * not the analyst's; an earlier run's settings are ours, set again.
 */

/** A worksheet's printing as its part has it (read by readSheet.ts). */
export interface SheetPrint {
  /** `sheetPr/pageSetUpPr/@fitToPage`: scale to fit `fitToWidth` by `fitToHeight` pages. */
  readonly fitToPage: boolean;
  /** The `pageSetup` element's attributes by local name; `null` when the sheet has none. */
  readonly pageSetup: Readonly<Record<string, string>> | null;
  /** The texts of `headerFooter`'s children (oddHeader, oddFooter, evenHeader...), entities decoded. */
  readonly headerFooter: Readonly<Record<string, string>>;
}

/** Which of our print settings the copy writes on the register sheet. */
export interface RegisterPrint {
  /** Our page setup (A4 landscape, fitted to pages wide): the sheet's is a default or an earlier run's. */
  readonly pageSetup: boolean;
  /** Our header and footer: the sheet's are empty, LibreOffice's defaults or an earlier run's. */
  readonly headerFooter: boolean;
}

/**
 * The values a program writes by default (CT_PageSetup's defaults, ECMA-376 Part 1, 18.3.1.63, and
 * LibreOffice's), which do not make a page setup the analyst's. A4 and Letter are each a locale's default
 * paper; "portrait" is what Excel writes for "default". `fitToWidth` and `fitToHeight` count only when the
 * sheet fits to pages.
 */
const DEFAULTS: Readonly<Record<string, readonly string[]>> = {
  paperSize: ['1', '9'],
  scale: ['100'],
  firstPageNumber: ['1'],
  pageOrder: ['downThenOver'],
  orientation: ['default', 'portrait'],
  blackAndWhite: ['0', 'false'],
  draft: ['0', 'false'],
  // Gnumeric writes "asDisplayed" on every sheet it saves. It says which comments print, not how the page
  // is laid out, and our page setup keeps the attribute.
  cellComments: ['none', 'asDisplayed'],
  errors: ['displayed'],
  copies: ['1'],
};
/** Attributes about the printer, or that take effect only with another (firstPageNumber): never the analyst's layout. */
const NOT_LAYOUT = new Set(['horizontalDpi', 'verticalDpi', 'id', 'usePrinterDefaults', 'useFirstPageNumber']);
const FIT = new Set(['fitToWidth', 'fitToHeight']);

/** A page header an earlier run wrote: "&L<authority> · <framework> · as of dd/mm/yyyy". */
const OUR_HEADER = /^&L.+ · .+ · as of \d{2}\/\d{2}\/\d{4}$/;

/** LibreOffice's default header and footer ("&A", the sheet's name; "Page &P"), in its font, size and colour codes. */
const LIBREOFFICE_DEFAULT = { oddHeader: '&C&A', oddFooter: '&CPage &P' } as Readonly<Record<string, string>>;
const withoutFormatting = (text: string) => text.replace(/&"[^"]*"|&\d+|&K[0-9A-Fa-f]{6}|&K\d\d[+-]\d{3}/g, '');

/** The page-setup attributes the analyst set: those with a value no program writes by default. */
function analystPageSetup(print: SheetPrint): [string, string][] {
  return Object.entries(print.pageSetup ?? {}).filter(([k, v]) => !NOT_LAYOUT.has(k) && !(FIT.has(k) && !print.fitToPage) && !DEFAULTS[k]?.includes(v));
}

/**
 * Which of our print settings go on the register sheet. `ourFooter` is the footer a run writes there;
 * `earlierRun`: a run of ours wrote this sheet before (its marker is there), so a page setup exactly
 * like ours is ours.
 */
export function registerPrint(print: SheetPrint, ourFooter: string, earlierRun: boolean): RegisterPrint {
  const set = analystPageSetup(print);
  const ourPageSetup = earlierRun && print.fitToPage && print.pageSetup?.orientation === 'landscape' && print.pageSetup.fitToHeight === '0'
    && set.every(([k]) => k === 'orientation' || FIT.has(k));
  const texts = Object.entries(print.headerFooter).filter(([, t]) => t !== '');
  const ourHeaderFooter = texts.length === 2 && OUR_HEADER.test(print.headerFooter.oddHeader ?? '') && print.headerFooter.oddFooter === ourFooter;
  const libreOffice = texts.every(([k, t]) => LIBREOFFICE_DEFAULT[k] === withoutFormatting(t));
  return { pageSetup: (!print.fitToPage && set.length === 0) || ourPageSetup, headerFooter: texts.length === 0 || libreOffice || ourHeaderFooter };
}
