/**
 * The simulated install's device id, made once and kept with its state.
 * @module
 */
import { createDeviceId } from '../client/index.js';
import { readTextFile, writePrivateFile } from './private-file.js';

/** Reads the device id from `path`, creating it on first use. */
export async function readDeviceId(path: string): Promise<string> {
  const stored = (await readTextFile(path))?.trim() ?? '';
  if (/^[\x21-\x7e]{1,128}$/.test(stored)) return stored;

  const deviceId = createDeviceId();
  await writePrivateFile(path, `${deviceId}\n`);
  return deviceId;
}
