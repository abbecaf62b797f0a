/**
 * Browser-safe: the one rule for a split transaction's parts, used by the API and the SPA's split editor alike.
 * Imports nothing that needs Node or a database.
 */
export {
  checkSplitParts,
  MAX_SPLIT_PARTS,
  type SplitProblem,
  type SplitVerdict,
} from './check-split-parts.ts';
