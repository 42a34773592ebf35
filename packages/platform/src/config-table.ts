import { commonShape, describeConfig, type ConfigShape } from '@voicebot/common/config';

/**
 * The README's configuration table, generated from the services' own config schemas so that it
 * cannot drift from what the services accept.
 */
export async function configTables(): Promise<string> {
  const { mediaConfigShape } = await import('../../../services/media/src/config.ts');
  const { configShape: dialogueConfigShape } = await import('../../../services/dialogue/src/service.ts');
  const { dialerConfigShape } = await import('../../../services/dialer/src/config.ts');
  const sections: [string, string, ConfigShape][] = [
    ['Shared by every service', 'common', commonShape],
    ['media', 'media', mediaConfigShape],
    ['dialogue', 'dialogue', dialogueConfigShape],
    ['dialer', 'dialer', dialerConfigShape],
  ];
  const out: string[] = [];
  for (const [title, service, shape] of sections) {
    out.push(`### ${title}`, '', '| variable | default | meaning |', '|---|---|---|');
    for (const row of describeConfig(service, shape)) {
      out.push(`| \`${row.variable}\` | \`${row.default.replace(/\|/g, '\\|')}\` | ${row.description.replace(/\|/g, '\\|')} |`);
    }
    out.push('');
  }
  out.push(
    '`npm start` also reads `VOICEBOT_SIMULATOR_HTTP_PORT` (8090, the built-in carrier) and passes',
    'the storage URL and the simulator\'s address to the services it starts.',
  );
  return out.join('\n');
}

const START = '<!-- config-table:start -->';
const END = '<!-- config-table:end -->';

export function spliceTable(readme: string, table: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README lacks the ${START} … ${END} markers`);
  return `${readme.slice(0, a + START.length)}\n${table}\n${readme.slice(b)}`;
}
