export { importStore } from './import-store.ts';
export {
  createManualAccount,
  type ManualAccountInput,
  refreshManualBalance,
  statementTypeOf,
} from './manual-accounts.ts';
export {
  commitImport,
  DUPLICATE_WINDOW_DAYS,
  getImport,
  type ImportPatchInput,
  listImports,
  patchImport,
  type StartImportInput,
  startImport,
  undoImport,
} from './statement-import-service.ts';
