/** `npm run docs:config`: rewrite the README's configuration table from the config schemas. */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@voicebot/common/paths';
import { configTables, spliceTable } from '../src/config-table.ts';

const file = path.join(REPO_ROOT, 'README.md');
fs.writeFileSync(file, spliceTable(fs.readFileSync(file, 'utf8'), await configTables()));
console.log('README.md configuration table updated');
