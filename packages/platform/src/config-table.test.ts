import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@voicebot/common/paths';
import { configTables, spliceTable } from './config-table.ts';

describe('README configuration table', () => {
  it('lists every variable the services accept, with its default (npm run docs:config)', async () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    expect(spliceTable(readme, await configTables())).toBe(readme);
  });
});
