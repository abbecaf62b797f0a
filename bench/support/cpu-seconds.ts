// CPU time of the processes a benchmark drives (this one, the emulator, the database's backends), read from
// /proc, so a figure taken on a loaded machine can be read beside the CPU it cost: there, wall time is
// mostly waiting for a core.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (Linux's USER_HZ, 100 on every common build). */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds a process has used so far (0 if it is gone or /proc is not readable). */
function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name (in parentheses, which may hold spaces), utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The PostgreSQL backends connected to `database`, by the title each sets ("postgres: [cluster:] user database …"). */
function backendPids(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.split(' ').includes(database)) pids.push(Number(entry));
    } catch {
      // gone since the directory was read
    }
  }
  return pids;
}

export interface CpuSample {
  self: number;
  emulator: number;
  /** Per backend: one that connects between two samples counts from zero (it started in between). */
  database: ReadonlyMap<number, number>;
}

/** The CPU seconds used so far by this process, the emulator and the backends connected to `database`. */
export function sampleCpu(database: string, emulatorPid: number | undefined): CpuSample {
  const { user, system } = process.cpuUsage();
  return {
    self: (user + system) / 1e6,
    emulator: emulatorPid === undefined ? 0 : processCpuSeconds(emulatorPid),
    database: new Map(backendPids(database).map((pid) => [pid, processCpuSeconds(pid)])),
  };
}

/** CPU seconds used between two samples, in all and per process, as one line. */
export function cpuBetween(before: CpuSample, after: CpuSample): string {
  const self = after.self - before.self;
  const emulator = after.emulator - before.emulator;
  let database = 0;
  for (const [pid, seconds] of after.database) database += seconds - (before.database.get(pid) ?? 0);
  const all = self + emulator + database;
  return `cpu ${all.toFixed(2)} s (finsync ${self.toFixed(2)}, emulator ${emulator.toFixed(2)}, PostgreSQL ${database.toFixed(2)})`;
}
