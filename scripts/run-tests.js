#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's own test runner.
// Node 20's runner takes no glob patterns, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : ['src', 'test'].flatMap(findTests).sort();
const args = ['--import', 'tsx', '--test', '--test-concurrency=1', ...files];
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
