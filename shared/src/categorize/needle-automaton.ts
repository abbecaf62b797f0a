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
  /** next state = #next[state * #classCount + class]; state 0 is the start. */
  readonly #next: Int32Array;
  /** Per state: the values of every needle ending there (its own and its suffixes'), or null. */
  readonly #found: (readonly number[] | null)[];

  /** `needles`: non-empty lower-case texts, each with the value to report when a text holds it. */
  constructor(needles: readonly { text: string; value: number }[]) {
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
    const own: number[][] = [[]];
    for (const { text, value } of needles) {
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const c = classOf(text.charCodeAt(i));
        let to = edges[state]!.get(c);
        if (to === undefined) {
          to = edges.length;
          edges.push(new Map());
          own.push([]);
          edges[state]!.set(c, to);
        }
        state = to;
      }
      own[state]!.push(value);
    }
    this.#classCount = classes;
    const next = new Int32Array(edges.length * classes);
    const fail = new Int32Array(edges.length);
    const found: (number[] | null)[] = own.map((v) => (v.length ? [...v] : null));
    const queue: number[] = [];
    for (let c = 1; c < classes; c++) {
      const to = edges[0]!.get(c) ?? 0;
      next[c] = to;
      if (to) queue.push(to);
    }
    for (let q = 0; q < queue.length; q++) {
      const state = queue[q]!;
      const f = fail[state]!;
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
    this.#next = next;
    this.#found = found;
  }

  /**
   * Calls `hit` with the value of each needle the lower-case form of `text` holds. A needle may be reported
   * more than once (held twice, or found in the ASCII start of a text that is then read again lower-cased);
   * the caller keeps the first. `lowered` gives the lower-case form; it is called only when the text has a
   * character past ASCII.
   */
  scan(text: string, lowered: () => string, hit: (value: number) => void): void {
    if (!this.#scan(text, true, hit)) this.#scan(lowered(), false, hit);
  }

  // With `asciiOnly`, stops and returns false at the text's first character past ASCII: what it reported
  // until then holds (lower-casing maps an ASCII character to one, whatever follows it).
  #scan(text: string, asciiOnly: boolean, hit: (value: number) => void): boolean {
    const asciiClass = this.#asciiClass;
    const next = this.#next;
    const classCount = this.#classCount;
    const found = this.#found;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let c: number;
      if (code < 128) c = asciiClass[code]!;
      else if (asciiOnly) return false;
      else c = this.#otherClass.get(code) ?? 0;
      state = next[state * classCount + c]!;
      const values = found[state];
      if (values) for (let k = 0; k < values.length; k++) hit(values[k]!);
    }
    return true;
  }
}
