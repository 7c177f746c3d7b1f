// CPU accounting for a measured run (Linux /proc): how busy the server, the database server, the
// load generator and everything else on the machine were. Load from other processes makes figures
// unreliable, so the report shows it next to them.
import fs from 'node:fs';

/** USER_HZ; 100 on every mainstream Linux build. */
const TICKS_PER_SECOND = 100;

function machineBusySeconds(): number | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    // user nice system idle iowait irq softirq steal: everything but idle and iowait.
    const busy = ticks.reduce((sum, t, i) => (i === 3 || i === 4 ? sum : sum + t), 0);
    return busy / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** [command name, CPU seconds] of a process, or null when it is gone or /proc is missing. */
function processStat(pid: number | string): [string, number] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // After the name: state is field 3, utime field 14, stime field 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [name, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND];
  } catch {
    return null;
  }
}

/**
 * CPU seconds per PostgreSQL backend serving `database` (one process per connection; its process
 * title names the database, so other databases' work is not counted).
 */
function postgresBackends(database: string | null): Map<string, number> {
  const seconds = new Map<string, number>();
  if (database === null) return seconds;
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return seconds;
  }
  for (const pid of pids) {
    const stat = processStat(pid);
    if (stat?.[0] !== 'postgres') continue;
    try {
      const title = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (title.includes(` ${database} `)) seconds.set(pid, stat[1]);
    } catch {
      // The backend ended between the listing and the read.
    }
  }
  return seconds;
}

function ownSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

export interface CpuShares {
  /** Cores' worth of CPU used on average by each party during the interval. */
  server: number;
  /** The PostgreSQL backends serving the benchmark's database; 0 when it is not used. */
  database: number;
  loadGenerator: number;
  others: number;
}

/**
 * Starts measuring; `stop()` returns the average cores used by each party since. `pgDatabase` names
 * the PostgreSQL database the server uses, if any, so its backends are told apart from others.
 */
export function cpuMeter(serverPid: number | null, pgDatabase: string | null = null) {
  const start = {
    at: process.hrtime.bigint(),
    machine: machineBusySeconds(),
    server: serverPid === null ? 0 : (processStat(serverPid)?.[1] ?? null),
    database: postgresBackends(pgDatabase),
    own: ownSeconds(),
  };
  return {
    stop(): CpuShares | null {
      const seconds = Number(process.hrtime.bigint() - start.at) / 1e9;
      const machine = machineBusySeconds();
      const server = serverPid === null ? 0 : (processStat(serverPid)?.[1] ?? null);
      if (machine === null || server === null || start.machine === null || start.server === null) {
        return null;
      }
      let database = 0;
      for (const [pid, now] of postgresBackends(pgDatabase))
        database += now - (start.database.get(pid) ?? 0);
      const serverUsed = server - start.server;
      const ownUsed = ownSeconds() - start.own;
      const othersUsed = Math.max(0, machine - start.machine - serverUsed - ownUsed - database);
      return {
        server: serverUsed / seconds,
        database: database / seconds,
        loadGenerator: ownUsed / seconds,
        others: othersUsed / seconds,
      };
    },
  };
}

/**
 * Waits until other processes use less than `maxCores` over a one-second sample, for at most
 * `timeoutMs`; returns the last sample's load so the caller can report a busy machine.
 */
export async function waitForQuiet(maxCores: number, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const meter = cpuMeter(null);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const others = meter.stop()?.others ?? null;
    if (others === null || others < maxCores || Date.now() >= deadline) return others;
  }
}
