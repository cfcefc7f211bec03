/**
 * `allo-sessions device`: one simulated ALLO app, driven from a terminal or a pipe.
 * @module
 */
import { DEVICE_USAGE, parseDeviceOptions, type DeviceOptions } from '../device/device-options.js';
import { DeviceSimulator } from '../device/device-simulator.js';
import { LineReader, type DeviceIo } from '../device/line-reader.js';

/** The process's own terminal or pipes. */
export function processDeviceIo(): DeviceIo {
  return {
    input: process.stdin,
    output: process.stdout,
    errors: process.stderr,
    isTerminal: process.stdin.isTTY === true,
  };
}

/**
 * Runs one simulated device until `quit` or the end of input.
 * @param argv - The arguments after `device`.
 * @returns The exit code: 0 when it ran, 2 for wrong options.
 */
export async function deviceCommand(
  argv: string[],
  io: DeviceIo = processDeviceIo(),
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.output.write(DEVICE_USAGE);
    return 0;
  }
  const options = readOptions(argv, io);
  if (options === null) return 2;

  const lines = new LineReader(io);
  try {
    await new DeviceSimulator(options, io, lines).run();
  } finally {
    lines.close();
  }
  return 0;
}

function readOptions(argv: string[], io: DeviceIo): DeviceOptions | null {
  try {
    return parseDeviceOptions(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.errors.write(`allo-sessions device: ${message}\n\n${DEVICE_USAGE}`);
    return null;
  }
}
