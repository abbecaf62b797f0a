import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeEntities, type MarkupNode, newNode, refuseDeclarations } from './markup-node.ts';
import { checkFieldLength, STATEMENT_LIMITS, StatementError } from './statement.ts';

type Ordered = Record<string, unknown>;

/**
 * Parses XML (OFX 2.x, CAMT.053) with fast-xml-parser after refusing DOCTYPE/ENTITY declarations; entity
 * processing is off in the parser and only the predefined entities are decoded here, so nothing expands.
 * Malformed or truncated XML is refused with the validator's line. A bare `&` (a known OFX bank bug) is read
 * as text.
 */
export function xmlToTree(xml: string, firstLine = 1): MarkupNode {
  refuseDeclarations(xml);
  const escaped = xml.replace(/&(?!#\d{1,7};|#x[0-9a-fA-F]{1,6};|[a-zA-Z][a-zA-Z0-9]*;)/g, '&amp;');
  const valid = XMLValidator.validate(escaped);
  if (valid !== true) {
    const unclosed = /^Invalid '\[([\s\S]*)\]' found/.exec(valid.err.msg);
    if (unclosed) {
      const open = unclosed[1]!.split(',').map((t) => t.trim().replace(/^"|"$/g, '').replace(/^\w+:/, ''));
      throw new StatementError(`file ends before <${open.at(-1)}> is closed (truncated file?)`, {
        line: xml.split('\n').length + firstLine - 1,
        element: open.join('/'),
      });
    }
    throw new StatementError(`malformed XML: ${valid.err.msg}`, { line: valid.err.line + firstLine - 1 });
  }
  const parsed = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    processEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  }).parse(escaped) as Ordered[];
  const root = newNode(null, '#document', undefined);
  build(parsed, root, 1);
  return root;
}

function build(items: Ordered[], parent: MarkupNode, depth: number): void {
  if (depth > STATEMENT_LIMITS.maxDepth) {
    throw new StatementError(`elements nested deeper than ${STATEMENT_LIMITS.maxDepth}`, {
      element: parent.path,
    });
  }
  for (const item of items) {
    for (const [key, value] of Object.entries(item)) {
      if (key === ':@' || key.startsWith('?')) continue;
      if (key === '#text') {
        parent.text += decodeEntities(String(value));
        checkFieldLength(parent.text, { element: parent.path });
        continue;
      }
      const attrs = Object.fromEntries(
        Object.entries((item[':@'] as Record<string, unknown> | undefined) ?? {}).map(([k, v]) => [
          k,
          decodeEntities(String(v)),
        ]),
      );
      const node = newNode(parent, key, undefined, attrs);
      build(value as Ordered[], node, depth + 1);
    }
  }
}
