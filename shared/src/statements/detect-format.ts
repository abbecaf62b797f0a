import { StatementError, type StatementFormat } from './statement.ts';

/** The format from the content, never the file name: OFX headers/root, the CAMT namespace, QIF headers, else CSV. */
export function detectFormat(text: string): StatementFormat {
  const head = text.slice(0, 4096).trimStart();
  if (
    /^OFXHEADER\s*:/i.test(head) ||
    /<\?OFX[\s?]/i.test(head) ||
    /^(<\?xml[^>]*\?>\s*)?<OFX\s*>/i.test(head)
  ) {
    return 'ofx';
  }
  if (/^<\?xml/i.test(head) || head.startsWith('<')) {
    if (/camt\.05[234]|<(\w+:)?BkToCstmr(Stmt|AcctRpt)\b/.test(head)) return 'camt';
    if (/<OFX\s*>/i.test(head)) return 'ofx';
    throw new StatementError('an XML document that is neither OFX nor CAMT.053', { line: 1 });
  }
  if (/^!(Type|Account|Option)/i.test(head)) return 'qif';
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  if (/[,;\t|]/.test(firstLine) || /\n/.test(head)) return 'csv';
  throw new StatementError('not a statement file (OFX, QIF, CSV or CAMT.053)', { line: 1 });
}
