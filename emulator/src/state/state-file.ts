import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EmulatorSnapshot } from './emulator-snapshot.ts';

const DEBOUNCE_MS = 100;

/** The snapshot saved at `path`, or null when there is none yet. */
export function readStateFile(path: string): EmulatorSnapshot | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return JSON.parse(text) as EmulatorSnapshot;
}

/**
 * Saves snapshots to one file, at most every DEBOUNCE_MS and only when they changed. Each save writes
 * a temporary file, syncs it and renames it over the old one, so a crash leaves the old or the new
 * state, never a torn file.
 */
export class StateFileWriter {
  readonly #path: string;
  readonly #snapshot: () => EmulatorSnapshot;
  #lastWritten: string | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(path: string, snapshot: () => EmulatorSnapshot) {
    this.#path = path;
    this.#snapshot = snapshot;
    mkdirSync(dirname(path), { recursive: true });
  }

  /** Saves soon; calls within the debounce window coalesce. */
  schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      try {
        this.flush();
      } catch (err) {
        // A background save has no caller to throw to; the next change or close() retries.
        console.error(`emulator: could not save state to ${this.#path}:`, err);
      }
    }, DEBOUNCE_MS);
    this.#timer.unref();
  }

  /** Saves now if the state changed since the last save. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const json = JSON.stringify(this.#snapshot());
    if (json === this.#lastWritten) return;
    const temp = `${this.#path}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, json);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.#path);
    this.#lastWritten = json;
  }
}
