// A process and everything it started, read from /proc (Linux): to stop a server whole, or to
// kill one as a crash would, even where its children run in process groups of their own
// (scripts/start.ts starts the console detached, so that a stop reaches its workers).
import fs from 'node:fs';

interface ProcessInfo {
  pid: number;
  parent: number;
  group: number;
}

function readProcesses(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited while listing
    }
    // "pid (command) state ppid pgrp …": the command may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    found.push({ pid: Number(name), parent: Number(fields[1]), group: Number(fields[2]) });
  }
  return found;
}

/** The process groups of `pid` and of every process descending from it. */
export function processGroupsOf(pid: number): number[] {
  const all = readProcesses();
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.parent)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  return [...new Set(all.filter((p) => tree.has(p.pid)).map((p) => p.group))];
}

/** Sends `signal` to each of `groups`; groups already gone are skipped. */
export function signalGroups(groups: number[], signal: NodeJS.Signals): void {
  for (const group of groups) {
    try {
      process.kill(-group, signal);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
  }
}
