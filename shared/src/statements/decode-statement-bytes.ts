import { STATEMENT_LIMITS, StatementError } from './statement.ts';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Turns file bytes into text. A UTF-8 BOM is dropped; bytes that are not valid UTF-8 are read as Windows-1252
 * (a superset of Latin-1 for printable text), which is what banks that are not UTF-8 send. Binary content
 * (NUL bytes, or mostly control characters) is refused with the line it starts on.
 */
export function decodeStatementBytes(bytes: Uint8Array): string {
  if (bytes.byteLength > STATEMENT_LIMITS.maxBytes) {
    throw new StatementError(`file is larger than ${STATEMENT_LIMITS.maxBytes / 1024 / 1024} MB`);
  }
  if (bytes.byteLength === 0) throw new StatementError('file is empty');
  const start = UTF8_BOM.every((b, i) => bytes[i] === b) ? 3 : 0;
  const body = bytes.subarray(start);
  refuseBinary(body);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    text = new TextDecoder('windows-1252').decode(body);
  }
  if (text.trim() === '') throw new StatementError('file is empty');
  return text;
}

function refuseBinary(bytes: Uint8Array): void {
  let line = 1;
  let control = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) line++;
    else if (b === 0) throw new StatementError('binary content (NUL byte), not a statement file', { line });
    else if (b < 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > 0 && control * 20 > bytes.length) {
    throw new StatementError('binary content (control characters), not a statement file');
  }
}
