import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyPrototypeData, type PrototypeData } from './prototype-data.ts';

export interface PrototypeStore {
  readonly file: string;
  read(): Promise<PrototypeData>;
  write(data: PrototypeData): Promise<void>;
}

/** The single user's data in one JSON file; writes go through a temporary file and a rename, so a crash never leaves half a file. */
export function createPrototypeStore(dir: string): PrototypeStore {
  const file = join(dir, 'data.json');
  return {
    file,
    async read() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyPrototypeData();
        throw error;
      }
      const data = JSON.parse(text) as PrototypeData;
      if (data.version !== 1) throw new Error(`${file}: unknown data version ${String(data.version)}`);
      return data;
    },
    async write(data) {
      await mkdir(dir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(data), { mode: 0o600 });
      await rename(temporary, file);
    },
  };
}
