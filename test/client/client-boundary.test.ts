import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const CLIENT_DIR = fileURLToPath(new URL('../../src/client/', import.meta.url));
const IMPORT = /^\s*(?:import|export)\b[^'"]*from\s+'([^']+)'/gm;

function librarySources(): string[] {
  return readdirSync(CLIENT_DIR).filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
  );
}

describe('allo-sessions/client', () => {
  it('imports only its own modules: nothing from the server side, no node: modules', () => {
    const outside: string[] = [];
    for (const name of librarySources()) {
      const text = readFileSync(join(CLIENT_DIR, name), 'utf8');
      for (const [, specifier = ''] of text.matchAll(IMPORT)) {
        if (!specifier.startsWith('./')) outside.push(`${name}: ${specifier}`);
      }
    }
    assert.deepEqual(outside, []);
  });

  it('uses no Node-only globals', () => {
    const nodeOnly = /\b(?:Buffer\.|process\.|require\(|__dirname|setImmediate\()/;
    const offenders = librarySources().filter((name) =>
      nodeOnly.test(readFileSync(join(CLIENT_DIR, name), 'utf8')),
    );
    assert.deepEqual(offenders, []);
  });
});
