// Writes so that a reader (or a restart after a crash) sees either the old content or the new,
// never a mix: write a temporary file next to the target, fsync it, rename it over the old one
// (rename is atomic within a file system), then fsync the folder so the rename is durable. The
// one way to write a file whole, for the tenant's state, the scripts' files and the test reports.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Permission bits of a new file; default 0o600 (the tenant's state holds secrets). */
  readonly mode?: number;
}

function writeAndSync(path: string, text: string, mode: number): void {
  const fd = openSync(path, 'w', mode);
  try {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncFolder(path: string): void {
  const dir = openSync(path, 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

export function writeFileAtomic(path: string, text: string, options: AtomicWriteOptions = {}): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeAndSync(temp, text, options.mode ?? 0o600);
  renameSync(temp, path);
  syncFolder(dirname(path));
}

/**
 * Creates folder `dir` with `files` in it, whole or not at all: the files are written into a
 * folder of this process, which is then renamed into place. When two processes (two jest workers)
 * create it at once, one rename wins and both see the winner's files, never a mix of the two.
 * Returns false when another process's folder won.
 */
export function createFolderAtomic(
  dir: string,
  files: Readonly<Record<string, { readonly text: string; readonly mode: number }>>,
): boolean {
  mkdirSync(dirname(dir), { recursive: true });
  const temp = `${dir}.${process.pid}.tmp`;
  mkdirSync(temp, { recursive: true });
  for (const [name, file] of Object.entries(files)) writeAndSync(join(temp, name), file.text, file.mode);
  try {
    renameSync(temp, dir);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(dir)) throw error;
    return false;
  }
  syncFolder(dirname(dir));
  return true;
}
