import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where report tests keep the PDFs they render (git-ignored), to open by hand. */
export const PDF_ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/reports/', import.meta.url));

/** Keeps the PDF as test-artifacts/reports/<name>.pdf and answers its text, laid out, as pdftotext reads it. */
export function pdfText(name: string, pdf: Buffer): string {
  mkdirSync(PDF_ARTIFACTS, { recursive: true });
  const path = join(PDF_ARTIFACTS, `${name}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-layout', path, '-']).toString();
}
