import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeConfig, fromRoot } from '@voicebot/common';
import { dialerConfigShape } from './config.ts';
import { DIALER_ERRORS } from './errors.ts';

const readme = fs.readFileSync(fromRoot('services/dialer/README.md'), 'utf8');

describe('services/dialer/README.md', () => {
  it('documents every error code', () => {
    for (const code of Object.keys(DIALER_ERRORS)) expect(readme, code).toContain(`\`${code}\``);
  });
  it('documents every configuration variable', () => {
    for (const row of describeConfig('dialer', dialerConfigShape)) expect(readme, row.variable).toContain(`\`${row.variable}\``);
  });
});
