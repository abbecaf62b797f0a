import { describe, expect, it } from 'vitest';
import type { MarkupNode } from './markup-node.ts';
import { sgmlToTree } from './sgml-to-tree.ts';
import { StatementError } from './statement.ts';

/** The tree as nested [tag, text | children] for readable expectations. */
const shape = (node: MarkupNode): unknown =>
  node.children.map((c) => (c.children.length ? [c.tag, shape(c)] : [c.tag, c.text]));

describe('sgmlToTree (OFX 1 SGML → tree)', () => {
  it('closes unclosed leaves at the next tag and keeps closed ones', () => {
    expect(shape(sgmlToTree('<A><B>1<C>two</C><D>3</A>'))).toEqual([
      [
        'A',
        [
          ['B', '1'],
          ['C', 'two'],
          ['D', '3'],
        ],
      ],
    ]);
  });

  it('reads an empty closed leaf as an empty value, not an aggregate', () => {
    expect(shape(sgmlToTree('<A><FITID></FITID><B>x</A>'))).toEqual([
      [
        'A',
        [
          ['FITID', ''],
          ['B', 'x'],
        ],
      ],
    ]);
  });

  it('treats an unclosed empty leaf as a leaf when its parent closes', () => {
    expect(shape(sgmlToTree('<A><MEMO>\n<B>x\n</A>'))).toEqual([
      [
        'A',
        [
          ['MEMO', ''],
          ['B', 'x'],
        ],
      ],
    ]);
  });

  it('upper-cases tags, decodes the predefined entities once and leaves unknown ones and bare & as text', () => {
    expect(shape(sgmlToTree('<a><n>A &amp; B &amp;lt; &copy; & C</a>'))).toEqual([
      ['A', [['N', 'A & B &lt; &copy; & C']]],
    ]);
  });

  it('skips comments and processing instructions', () => {
    expect(shape(sgmlToTree('<!-- x --><A><?pi?><B>1</A>'))).toEqual([['A', [['B', '1']]]]);
  });

  it('names the line of a closing tag with no opening tag', () => {
    const error = (() => {
      try {
        sgmlToTree('<A>\n<B>1\n</C>\n</A>', 10);
      } catch (e) {
        return e as StatementError;
      }
    })();
    expect(error).toBeInstanceOf(StatementError);
    expect(error?.location).toEqual({ line: 12 });
  });

  it('refuses nesting deeper than 32 elements', () => {
    const deep = `${'<A>'.repeat(40)}<B>1${'</A>'.repeat(40)}`;
    expect(() => sgmlToTree(deep)).toThrow(/nested deeper than 32/);
  });

  it('counts lines across CRLF so errors name the real line', () => {
    const tree = sgmlToTree('<A>\r\n<B>1\r\n<C>2\r\n</A>', 5);
    expect(tree.children[0]!.children.map((c) => c.line)).toEqual([6, 7]);
  });
});
