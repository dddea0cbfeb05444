// The embedded database's directory is private to the console's user: the directory (and every
// directory in it) 0700, no file group- or world-writable. Checked and repaired at every start,
// since PGlite creates its files 0666 when the process's umask allows it.
import fs from 'node:fs';
import path from 'node:path';

export interface PrivateDirReport {
  /** Paths whose mode was tightened, relative to the directory. */
  fixed: string[];
}

export function makeDirPrivate(dir: string): PrivateDirReport {
  const fixed: string[] = [];
  const visit = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return;
    const mode = st.mode & 0o777;
    const wanted = st.isDirectory() ? 0o700 : mode & ~0o077 & 0o777;
    if (mode !== wanted) {
      fs.chmodSync(p, wanted);
      fixed.push(path.relative(dir, p) || '.');
    }
    if (st.isDirectory()) for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
  };
  visit(dir);
  return { fixed };
}
