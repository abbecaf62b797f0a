const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A generator's four 32-bit words: enough to continue its sequence exactly (e.g. after a restart). */
export type RandomState = [number, number, number, number];

/** Small, fast, seedable PRNG (sfc32); every random choice in the emulator goes through one so runs repeat. */
export class SeededRandom {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number | string) {
    const h = hashSeed(String(seed));
    this.#a = h[0]!;
    this.#b = h[1]!;
    this.#c = h[2]!;
    this.#d = h[3]!;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A generator that continues where the one whose `state()` this was left off. */
  static fromState(state: RandomState): SeededRandom {
    const random = new SeededRandom(0);
    [random.#a, random.#b, random.#c, random.#d] = state;
    return random;
  }

  state(): RandomState {
    return [this.#a, this.#b, this.#c, this.#d];
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#a |= 0;
    this.#b |= 0;
    this.#c |= 0;
    this.#d |= 0;
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly T[], weightOf: (item: T) => number, total?: number): T {
    const sum = total ?? items.reduce((s, item) => s + weightOf(item), 0);
    let r = this.next() * sum;
    for (const item of items) {
      r -= weightOf(item);
      if (r < 0) return item;
    }
    return items[items.length - 1]!;
  }

  /** Base62 identifier like Plaid's 37-character item/account/transaction ids. */
  id(length = 37): string {
    let out = '';
    for (let i = 0; i < length; i++) out += BASE62[Math.floor(this.next() * 62)];
    return out;
  }

  uuid(): string {
    const hex = () => Math.floor(this.next() * 16).toString(16);
    let s = '';
    for (let i = 0; i < 32; i++) s += hex();
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${'89ab'[Math.floor(this.next() * 4)]}${s.slice(17, 20)}-${s.slice(20, 32)}`;
  }

  /** A child generator whose sequence depends only on this seed and the label, not on call order elsewhere. */
  fork(label: string): SeededRandom {
    return new SeededRandom(`${Math.floor(this.next() * 2 ** 32)}:${label}`);
  }
}

function hashSeed(text: string): number[] {
  // cyrb128: spreads a string into four 32-bit words.
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}
