/** Ofsted outcomes, inspection windows and next-inspection risk (docs/ofsted.md). */
export * from './reportCardMapping';
export * from './standing';
export * from './inspectionWindow';
export * from './inspectionRisk';
