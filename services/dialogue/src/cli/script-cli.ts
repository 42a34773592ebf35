import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { CLIENT_OPTIONS, fromRoot, grpc, unary, voicebotService } from '@voicebot/common';
import type { CallRecord__Output } from '@voicebot/common/generated/voicebot/v1/CallRecord';
import type { ListCallRecordsResponse__Output } from '@voicebot/common/generated/voicebot/v1/ListCallRecordsResponse';
import { computeFunnel, stageOrder, type FunnelCall } from '../analytics/funnel.ts';
import { Conversation, type Decision } from '../engine/conversation.ts';
import { parseCases, runCase } from '../engine/test-cases.ts';
import { compileScript, type CompiledScript } from '../script/compile.ts';
import { parseScript, type ScriptProblem } from '../script/load.ts';
import { scriptJsonSchema } from '../script/schema.ts';

const USAGE = `usage: npm run script -- <command>
  simulate <script>                     interactive training console (type what the callee says)
  test <script> <cases.jsonl> [--json]  run batch cases; last line {"cases":n,"passed":n,"failed":n}
  validate <script> [--json]            print every problem with line and column
  funnel <campaign> [--addr host:port] [--json]   per-node funnel and grades over time from call records
  schema                                print the script format's JSON Schema
<script> is a file path or a script id in services/dialogue/scripts.`;

function scriptPath(arg: string | undefined): string {
  if (!arg) throw new UsageError('missing <script>');
  if (fs.existsSync(arg)) return arg;
  const byId = fromRoot(`services/dialogue/scripts/${arg}.yaml`);
  if (fs.existsSync(byId)) return byId;
  throw new UsageError(`no script file '${arg}' (nor ${path.relative(process.cwd(), byId)})`);
}

class UsageError extends Error {}

function formatProblem(file: string, p: ScriptProblem): string {
  return `${file}:${p.line}:${p.column} ${p.severity} ${p.code} ${p.path} — ${p.message}`;
}

/** Load and compile, or print the problems and exit 1. */
function compileOrExit(file: string): CompiledScript {
  const r = parseScript(fs.readFileSync(file, 'utf8'));
  for (const p of r.problems) if (p.severity === 'warning') console.error(formatProblem(file, p));
  if (!r.ok || !r.script) {
    for (const p of r.problems) if (p.severity === 'error') console.error(formatProblem(file, p));
    process.exit(1);
  }
  return compileScript(r.script, 0);
}

function validate(args: string[]): number {
  const file = scriptPath(args[0]);
  const r = parseScript(fs.readFileSync(file, 'utf8'), { recordingsDir: recordingsDirFor(file) });
  if (args.includes('--json')) console.log(JSON.stringify({ ok: r.ok, problems: r.problems }));
  else {
    for (const p of r.problems) console.log(formatProblem(file, p));
    console.log(r.ok ? `${file}: ok (${r.problems.length} warning(s))` : `${file}: ${r.problems.filter((p) => p.severity === 'error').length} error(s)`);
  }
  return r.ok ? 0 : 1;
}

/** Prompt recordings live in assets/prompts/<scriptId>/; checked only when that folder exists. */
function recordingsDirFor(file: string): string | undefined {
  const id = /^id:\s*(\S+)/m.exec(fs.readFileSync(file, 'utf8'))?.[1];
  const dir = id ? fromRoot(`assets/prompts/${id}`) : undefined;
  return dir && fs.existsSync(dir) ? dir : undefined;
}

function test(args: string[]): number {
  const file = scriptPath(args[0]);
  const casesFile = args[1];
  if (!casesFile || !fs.existsSync(casesFile)) throw new UsageError(`missing or unreadable <cases.jsonl> '${casesFile ?? ''}'`);
  const json = args.includes('--json');
  const script = compileOrExit(file);
  const { cases, errors } = parseCases(fs.readFileSync(casesFile, 'utf8'));
  for (const e of errors) console.error(`${casesFile}: ${e}`);
  let passed = 0;
  for (const c of cases) {
    const r = runCase(script, c);
    if (r.passed) passed++;
    if (json) console.log(JSON.stringify(r));
    else console.log(`${r.passed ? 'PASS' : 'FAIL'} ${r.name} — grade ${r.grade}, ${r.path.join('>')}${r.failures.map((f) => `\n     ${f}`).join('')}`);
  }
  const failed = cases.length - passed + errors.length;
  console.log(JSON.stringify({ cases: cases.length + errors.length, passed, failed }));
  return failed === 0 ? 0 : 1;
}

function show(d: Decision): void {
  if (d.intent !== 'start') console.log(`  ⟶ intent ${d.intent}  rule ${d.rule}`);
  for (const p of d.plays) console.log(`🤖 [${p.promptId}${p.pathId !== p.promptId ? ` @${p.pathId}` : ''}] ${p.text}`);
  if (d.consent) console.log(`  ✔ consent recorded at ${d.consent.nodeId}: "${d.consent.utterance}"`);
  if (d.optOut) console.log(`  ✖ opt-out: do-not-call record sent with evidence "${d.optOut.evidence}"`);
  if (d.transfer) console.log(`  ☎ transfer to ${d.transfer.target}`);
  if (d.hangUp) console.log(`  ☎ hang up (${d.hangUp.reason})`);
}

async function simulateRepl(args: string[]): Promise<number> {
  const file = scriptPath(args[0]);
  const script = compileOrExit(file);
  console.log(`${script.script.title} — type the callee's reply; empty line = silence, [dtmf:1] = key press, :reset, :quit`);
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  let conv = new Conversation(script);
  show(conv.begin());
  const finishCall = (): void => {
    conv.endedExternally('callee_hangup');
    const g = conv.grade(0);
    console.log(`== grade ${g.grade} (${g.reason}); path ${conv.path.join('>')}; slots ${JSON.stringify(conv.slots)}`);
  };
  rl.setPrompt('👤 ');
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === ':quit') break;
    if (text === ':reset') {
      conv = new Conversation(script);
      show(conv.begin());
    } else {
      const dtmf = /^\[dtmf[: ]([0-9*#A-D])\]$/i.exec(text);
      show(dtmf ? conv.dtmf(dtmf[1]!) : text === '' ? conv.silence() : conv.reply({ text, confidence: 1, startMs: 0, endMs: 0 }));
      if (conv.ended) {
        finishCall();
        conv = new Conversation(script);
        console.log('-- new call --');
        show(conv.begin());
      }
    }
    rl.prompt();
  }
  if (!conv.ended && conv.turns.length > 1) finishCall();
  rl.close();
  return 0;
}

async function funnel(args: string[]): Promise<number> {
  const campaign = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--addr');
  if (!campaign) throw new UsageError('missing <campaign>');
  const addrIdx = args.indexOf('--addr');
  const addr = addrIdx >= 0 ? args[addrIdx + 1]! : `127.0.0.1:${process.env.VOICEBOT_DIALOGUE_GRPC_PORT ?? '50061'}`;
  const Ctor = voicebotService('DialogueService');
  const client = new Ctor(addr, grpc.credentials.createInsecure(), CLIENT_OPTIONS);
  const records: CallRecord__Output[] = [];
  try {
    let page_token = '';
    do {
      const res = await unary<unknown, ListCallRecordsResponse__Output>(client, 'ListCallRecords', { campaign_id: campaign, limit: 1000, page_token });
      records.push(...res.records);
      page_token = res.next_page_token;
    } while (page_token);
  } finally {
    client.close();
  }
  const scriptId = records[0]?.script_id;
  const file = scriptId ? fromRoot(`services/dialogue/scripts/${scriptId}.yaml`) : undefined;
  const parsed = file && fs.existsSync(file) ? parseScript(fs.readFileSync(file, 'utf8')).script : undefined;
  const stageOf = parsed ? stageOrder(parsed.stages, parsed.nodes) : () => undefined;
  const calls: FunnelCall[] = records.map((r) => ({
    path: r.path,
    turns: r.turns.map((t) => ({ nodeId: t.node_id, intent: t.intent, bargedIn: t.barged_in })),
    hangupParty: r.hangup_party.replace('HANGUP_PARTY_', '').toLowerCase(),
    grade: r.grade === 'GRADE_UNSPECIFIED' ? '' : r.grade.replace('GRADE_', ''),
    startedAtMs: r.started_at_ms,
  }));
  const f = computeFunnel(calls, stageOf);
  if (args.includes('--json')) {
    console.log(JSON.stringify(f));
    return 0;
  }
  console.log(`campaign ${campaign}: ${f.calls} call(s)${scriptId ? `, script ${scriptId}` : ''}`);
  const header = ['node', 'reached', 'barge-ins', 'refusals', 'hang-ups', 'silences', 'conversion'];
  const rows = f.nodes.map((n) => [n.nodeId, n.reached, n.bargeIns, n.refusals, n.hangUps, n.silences, n.hasNextStage ? `${(n.conversion * 100).toFixed(0)}%` : ''].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log('\ngrades per hour');
  for (const b of f.gradesOverTime) {
    console.log(`${new Date(b.bucketStartMs).toISOString().slice(0, 13)}h  ${['A', 'B', 'C', 'D', 'E', 'F'].map((g) => `${g}:${b.grades[g] ?? 0}`).join(' ')}`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'validate':
      return validate(args);
    case 'test':
      return test(args);
    case 'simulate':
      return simulateRepl(args);
    case 'funnel':
      return funnel(args);
    case 'schema':
      console.log(JSON.stringify(scriptJsonSchema(), null, 2));
      return 0;
    default:
      throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) console.error(`${err.message}\n${USAGE}`);
    else console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
