import { decodeEntities, type MarkupNode, newNode } from './markup-node.ts';
import { checkFieldLength, STATEMENT_LIMITS, StatementError } from './statement.ts';

const TOKEN = /<(\/?)([A-Za-z][A-Za-z0-9._-]*)\s*>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;

/**
 * OFX 1.x SGML into a tree. Leaves may be unclosed (`<TRNAMT>-8.50`) or closed; aggregates are closed. An
 * element followed by text is a leaf; one followed by another tag is an aggregate until its close tag shows up
 * — and if a close tag skips it, it was an empty unclosed leaf and its "children" go back to its parent.
 * `firstLine` is the file line the text starts on, so errors name real lines.
 */
export function sgmlToTree(text: string, firstLine = 1): MarkupNode {
  const root = newNode(null, '#document', firstLine);
  const stack: MarkupNode[] = [root];
  let line = firstLine;
  let last = 0;
  const tokens = [...text.matchAll(TOKEN)];
  const lineAt = (index: number) => {
    for (let i = last; i < index; i++) if (text.charCodeAt(i) === 10) line++;
    last = index;
    return line;
  };
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    const tokenLine = lineAt(token.index);
    const [whole, closing, tagName] = token;
    if (!tagName) continue; // comment or processing instruction
    const tag = tagName.toUpperCase();
    const top = stack[stack.length - 1]!;
    if (closing) {
      const open = stack.findLastIndex((n) => n.tag === tag);
      if (open <= 0) {
        throw new StatementError(`closing tag </${tag}> has no matching opening tag`, { line: tokenLine });
      }
      while (stack.length > open + 1) flattenUnclosed(stack.pop()!, stack[stack.length - 1]!);
      stack.pop();
      continue;
    }
    const end = token.index + whole.length;
    const next = tokens[t + 1];
    const between = text.slice(end, next ? next.index : text.length);
    const node = newNode(top, tag, tokenLine);
    if (between.trim() !== '') {
      node.text = checkFieldLength(decodeEntities(between.trim()), { line: tokenLine, element: node.path });
      if (next && next[1] === '/' && next[2]?.toUpperCase() === tag) t++; // closed leaf
    } else if (next && next[1] === '/' && next[2]?.toUpperCase() === tag) {
      t++; // empty closed leaf: <FITID></FITID>
    } else {
      if (stack.length > STATEMENT_LIMITS.maxDepth) {
        throw new StatementError(`elements nested deeper than ${STATEMENT_LIMITS.maxDepth}`, {
          line: tokenLine,
        });
      }
      stack.push(node);
    }
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1]!;
    throw new StatementError(
      `file ends inside <${open.tag}>, opened on line ${open.line} (truncated file?)`,
      {
        line: line + (text.slice(last).match(/\n/g)?.length ?? 0),
        element: open.path,
      },
    );
  }
  return root;
}

/** An "aggregate" never closed was an empty leaf: hand its children to its parent. */
function flattenUnclosed(node: MarkupNode, parent: MarkupNode): void {
  const moved = node.children.splice(0);
  for (const c of moved) parent.children.push(c);
}
