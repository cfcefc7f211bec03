/**
 * Files only their owner may read: the simulator's tokens, cookies, tabs and device id.
 * @module
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Owner read and write only. */
export const PRIVATE_FILE_MODE = 0o600;
/** Owner only. */
export const PRIVATE_DIRECTORY_MODE = 0o700;

/** Creates the directory (and its parents) readable by its owner only. */
export async function ensurePrivateDirectory(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  await chmod(path, PRIVATE_DIRECTORY_MODE);
}

/**
 * Replaces a file's content with owner-only permissions. The text goes to a fresh file that
 * is then renamed over the old one, so a crash never leaves half a token behind.
 */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  await ensurePrivateDirectory(dirname(path));
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: PRIVATE_FILE_MODE });
  await chmod(temporary, PRIVATE_FILE_MODE);
  await rename(temporary, path);
}

/** A file's text, or null when it does not exist. */
export async function readTextFile(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A JSON file's value, or null when it does not exist or does not parse. */
export async function readJsonFile(path: string): Promise<unknown> {
  const text = await readTextFile(path);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
