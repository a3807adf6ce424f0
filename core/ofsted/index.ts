/** Ofsted outcomes, inspection windows and the inspection risk (docs/ofsted.md). */
export * from './reportCardMapping';
export * from './standing';
export * from './inspectionRules';
export * from './inspectionWindow';
export * from './riskTerms';
export * from './riskModel';
export * from './inspectionChance';
export * from './belowGood';
export * from './inspectionRisk';
