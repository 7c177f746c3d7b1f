// Child servers for benchmarks: started with a deadline, watched for a ready line, and always
// killed — on success, on error, and when the benchmark process itself exits.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';

export interface Server {
  name: string;
  pid: number;
  port: number;
  /** Everything the process printed, for error messages. */
  output: () => string;
  stop: () => Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of live) child.kill('SIGKILL');
    process.exit(130);
  });
}

export async function startServer(options: {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Finds the listening port in the process's output. */
  ready: RegExp;
  timeoutMs?: number;
}): Promise<Server> {
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child);
      resolve();
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const port = await new Promise<number>((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop();
      reject(new Error(`${options.name} ${why}. Its output:\n${output.trim() || '(none)'}`));
    };
    const timer = setTimeout(
      () => fail(`did not start within ${(options.timeoutMs ?? 30_000) / 1000} s`),
      options.timeoutMs ?? 30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = options.ready.exec(output);
      if (match?.[1] && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => fail(`exited during start-up (${signal ?? code})`));
    child.once('error', (error) => fail(`could not be started: ${error.message}`));
  });
  if (child.pid === undefined) throw new Error(`${options.name} has no process id`);
  return { name: options.name, pid: child.pid, port, output: () => output, stop };
}

/** Resident set size in MiB, from /proc (Linux); null where /proc is not available. */
export function rssMiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak seen. */
export function sampleRss(pid: number, everyMs = 200) {
  let peak = rssMiB(pid) ?? 0;
  const timer = setInterval(() => {
    const now = rssMiB(pid);
    if (now !== null && now > peak) peak = now;
  }, everyMs);
  return {
    stop(): number {
      clearInterval(timer);
      const now = rssMiB(pid);
      return Math.max(peak, now ?? 0);
    },
  };
}
