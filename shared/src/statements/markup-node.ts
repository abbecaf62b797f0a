import { StatementError } from './statement.ts';

/** An element of an OFX or CAMT document, with the path that names it in error messages. */
export interface MarkupNode {
  readonly tag: string;
  readonly path: string;
  readonly line: number | undefined;
  readonly attrs: Readonly<Record<string, string>>;
  text: string;
  readonly children: MarkupNode[];
  /** How many children of each tag so far, so naming the next one stays O(1) in a 100k-row list. */
  readonly tagCounts: Map<string, number>;
}

export function newNode(
  parent: MarkupNode | null,
  tag: string,
  line: number | undefined,
  attrs: Record<string, string> = {},
): MarkupNode {
  const same = parent ? (parent.tagCounts.get(tag) ?? 0) + 1 : 1;
  parent?.tagCounts.set(tag, same);
  const path = `${parent?.path ? `${parent.path}/` : ''}${parent ? tag : ''}${same > 1 ? `[${same}]` : ''}`;
  const node: MarkupNode = { tag, path, line, attrs, text: '', children: [], tagCounts: new Map() };
  parent?.children.push(node);
  return node;
}

export function child(node: MarkupNode, tag: string): MarkupNode | undefined {
  return node.children.find((c) => c.tag === tag);
}

export function children(node: MarkupNode, tag: string): MarkupNode[] {
  return node.children.filter((c) => c.tag === tag);
}

/** Text at a path of tags below `node`, trimmed; undefined when an element is missing or empty. */
export function textAt(node: MarkupNode | undefined, ...tags: string[]): string | undefined {
  let at = node;
  for (const tag of tags) at = at ? child(at, tag) : undefined;
  const value = at?.text.trim();
  return value ? value : undefined;
}

/** Every descendant with one of the tags, in document order (not looking inside a match). */
export function findAll(node: MarkupNode, tags: ReadonlySet<string>): MarkupNode[] {
  const found: MarkupNode[] = [];
  const walk = (n: MarkupNode) => {
    for (const c of n.children) {
      if (tags.has(c.tag)) found.push(c);
      else walk(c);
    }
  };
  walk(node);
  return found;
}

export function where(node: MarkupNode, tag?: string): { element: string; line?: number } {
  const element = tag ? `${node.path}/${tag}` : node.path;
  return node.line === undefined ? { element } : { element, line: node.line };
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the predefined entities and numeric references once (so `&amp;lt;` stays `&lt;`); others stay as text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * DOCTYPE and ENTITY declarations are how XML bombs and external-entity (XXE) attacks start; no bank statement
 * needs one, so any markup declaration is refused before a parser sees the document.
 */
export function refuseDeclarations(text: string): void {
  const match = /<!(?!--|\[CDATA\[)/i.exec(text);
  if (match) {
    const line = text.slice(0, match.index).split('\n').length;
    const what = /^<!\s*([A-Za-z]+)/.exec(text.slice(match.index, match.index + 20))?.[1] ?? 'declaration';
    throw new StatementError(`<!${what}> declarations are refused (XML bomb / external entity protection)`, {
      line,
    });
  }
}
