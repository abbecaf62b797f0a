import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fitText } from '../src/reports/pdf/pdf-table.ts';

const font = readFileSync(new URL('../src/reports/fonts/DejaVuSans.ttf', import.meta.url));

function documentAt(size: number): PDFKit.PDFDocument {
  const doc = new PDFDocument({ autoFirstPage: true });
  doc.registerFont('body', font);
  doc.font('body').fontSize(size);
  return doc;
}

// The first version of fitText: the longest prefix that fits found by trying every length from the longest.
function fitTextOneByOne(doc: PDFKit.PDFDocument, text: string, width: number, maxLines: number): string[] {
  const fits = (s: string) => doc.widthOfString(s) <= width;
  const lines: string[] = [];
  let rest = text.replace(/\s+/g, ' ').trim();
  while (rest && lines.length < maxLines) {
    if (fits(rest)) {
      lines.push(rest);
      rest = '';
      break;
    }
    let cut = rest.length;
    while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
    const space = rest[cut] === ' ' ? cut : rest.lastIndexOf(' ', cut - 1);
    const end = space > 0 ? space : cut;
    lines.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  if (rest) {
    let last = lines[lines.length - 1] ?? '';
    while (last && !fits(`${last}…`)) last = last.slice(0, -1);
    lines[lines.length - 1] = `${last.trimEnd()}…`;
  }
  return lines.length ? lines : [''];
}

describe('fitText', () => {
  it('cuts a long payee to the table column with an ellipsis', () => {
    const doc = documentAt(9);
    const lines = fitText(
      doc,
      'Zahlungsempfänger 17 Łódź Café with a very long descriptive merchant name',
      120,
      1,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('…')).toBe(true);
    expect(doc.widthOfString(lines[0]!)).toBeLessThanOrEqual(120);
  });

  it('breaks the same lines as trying every length, for random texts, widths and line counts', () => {
    const doc = documentAt(9);
    const word = fc.constantFrom(
      'Zahlungsempfänger',
      'Łódź',
      'Café',
      'with',
      'a',
      'very',
      'long',
      'descriptive',
      'merchant',
      'WWWWWWWWWWWWWWWWWWWW',
      'iiiii',
      'ffi',
      '1,234.56',
      '—',
    );
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 14 }).map((ws) => ws.join(' ')),
        fc.integer({ min: 4, max: 260 }),
        fc.integer({ min: 1, max: 3 }),
        (text, width, maxLines) => {
          expect(fitText(doc, text, width, maxLines)).toEqual(fitTextOneByOne(doc, text, width, maxLines));
        },
      ),
      { numRuns: 300 },
    );
  });
});
