/**
 * Finds which of many lower-case needles a text holds in one pass over the text (Aho–Corasick, as a full
 * table of transitions): the rule index's test of `contains` rules and of regexes' required literals, in
 * place of probing each needle or its trigrams. A text is read as its lower-case form (String#toLowerCase);
 * an all-ASCII text is folded character by character as it is read (on ASCII, lower-casing maps A–Z only), so
 * it is never lower-cased into a new string.
 */
export class NeedleAutomaton {
  /** Per ASCII code: its character class (0: in no needle). A–Z share the class of a–z. */
  readonly #asciiClass = new Uint8Array(128);
  /** Classes of the characters past ASCII that some needle holds. */
  readonly #otherClass = new Map<number, number>();
  readonly #classCount: number;
  /**
   * The transitions, a row of #classCount per state (row 0: the start), each entry the start of the next
   * state's row, or its bitwise complement when a needle ends in that state: one load and one sign test per
   * character.
   */
  readonly #next: Int32Array;
  /**
   * Per state: the values of every needle ending there (its own and its suffixes'), or null; as scanAscii
   * reports them, and as scanLowered does (they differ by the needles of one scope).
   */
  readonly #foundAscii: (readonly number[] | null)[];
  readonly #foundLowered: (readonly number[] | null)[];

  /**
   * `needles`: non-empty lower-case texts, each with the value to report when a text holds it, and where:
   * 'ascii' needles only in all-ASCII texts (scanAscii), 'other' ones only in texts past ASCII
   * (scanLowered), and the others in both.
   */
  constructor(needles: readonly { text: string; value: number; scope?: 'ascii' | 'other' }[]) {
    let classes = 1;
    const classOf = (code: number): number => {
      if (code < 128) {
        if (!this.#asciiClass[code]) {
          this.#asciiClass[code] = classes;
          // A text's upper-case ASCII letter reads as its lower-case one.
          if (code >= 97 && code <= 122) this.#asciiClass[code - 32] = classes;
          classes++;
        }
        return this.#asciiClass[code]!;
      }
      let c = this.#otherClass.get(code);
      if (c === undefined) {
        c = classes++;
        this.#otherClass.set(code, c);
      }
      return c;
    };
    // The trie, one map of edges per state; then the table, breadth first, with the failure links folded in.
    const edges: Map<number, number>[] = [new Map()];
    const ownAscii: number[][] = [[]];
    const ownLowered: number[][] = [[]];
    for (const { text, value, scope } of needles) {
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const c = classOf(text.charCodeAt(i));
        let to = edges[state]!.get(c);
        if (to === undefined) {
          to = edges.length;
          edges.push(new Map());
          ownAscii.push([]);
          ownLowered.push([]);
          edges[state]!.set(c, to);
        }
        state = to;
      }
      if (scope !== 'other') ownAscii[state]!.push(value);
      if (scope !== 'ascii') ownLowered[state]!.push(value);
    }
    this.#classCount = classes;
    const next = new Int32Array(edges.length * classes);
    const fail = new Int32Array(edges.length);
    const foundAscii: (number[] | null)[] = ownAscii.map((v) => (v.length ? [...v] : null));
    const foundLowered: (number[] | null)[] = ownLowered.map((v) => (v.length ? [...v] : null));
    const queue: number[] = [];
    for (let c = 1; c < classes; c++) {
      const to = edges[0]!.get(c) ?? 0;
      next[c] = to;
      if (to) queue.push(to);
    }
    for (let q = 0; q < queue.length; q++) {
      const state = queue[q]!;
      const f = fail[state]!;
      for (const found of [foundAscii, foundLowered])
        if (found[f]) found[state] = [...(found[state] ?? []), ...found[f]!];
      for (let c = 1; c < classes; c++) {
        const to = edges[state]!.get(c);
        if (to === undefined) next[state * classes + c] = next[f * classes + c]!;
        else {
          next[state * classes + c] = to;
          fail[to] = next[f * classes + c]!;
          queue.push(to);
        }
      }
    }
    // State numbers become row starts, complemented where a needle (of either scope) ends.
    for (let k = 0; k < next.length; k++) {
      const to = next[k]!;
      next[k] = foundAscii[to] || foundLowered[to] ? ~(to * classes) : to * classes;
    }
    this.#next = next;
    this.#foundAscii = foundAscii;
    this.#foundLowered = foundLowered;
  }

  /**
   * Calls `hit` with the value of each needle the lower-case form of an all-ASCII `text` holds, and returns
   * true; returns false at the text's first character past ASCII, when the caller scans the text lower-cased
   * with scanLowered instead. What was reported until then holds for the needles of both scopes (lower-casing
   * maps an ASCII character to one, whatever follows it), so a needle may be reported twice, as it may when
   * a text holds it twice: the caller keeps the first. An 'ascii' needle reported then is one scanLowered
   * would not report: the caller may only take it as a possible find.
   */
  scanAscii(text: string, hit: (value: number) => void): boolean {
    return this.#scan(text, true, hit);
  }

  /** Calls `hit` with the value of each needle a lower-case `text` holds (see scanAscii). */
  scanLowered(text: string, hit: (value: number) => void): void {
    this.#scan(text, false, hit);
  }

  #scan(text: string, asciiOnly: boolean, hit: (value: number) => void): boolean {
    const asciiClass = this.#asciiClass;
    const next = this.#next;
    const found = asciiOnly ? this.#foundAscii : this.#foundLowered;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let c: number;
      if (code < 128) c = asciiClass[code]!;
      else if (asciiOnly) return false;
      else c = this.#otherClass.get(code) ?? 0;
      row = next[row + c]!;
      if (row < 0) {
        row = ~row;
        const values = found[row / this.#classCount];
        if (values) for (let k = 0; k < values.length; k++) hit(values[k]!);
      }
    }
    return true;
  }
}
