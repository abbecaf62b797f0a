export { type PfcDetailed, type PfcPrimary, pfcDetailed, pfcPrimaries, pfcV1ToV2 } from './pfc-taxonomy.ts';
export { seedSystemCategories } from './seed-system-categories.ts';
export { normalizePfcDetailed, type SystemCategory, systemCategories } from './system-categories.ts';
