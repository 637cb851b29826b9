// The machine a benchmark ran on, for the header of BENCHMARKS.md.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

export interface Machine { cpu: string; cores: number; node: string; date: string; load: string }

export function describeMachine(): Machine {
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    load: currentLoad(),
  };
}

/** The 1-minute load average: on a shared machine it says how much the numbers can be trusted. */
export function currentLoad(): string {
  return loadavg()[0].toFixed(2);
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {
    // not Linux: fall through to what node reports
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}
