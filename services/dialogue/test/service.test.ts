import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindServer, freePort, fromRoot, grpc, TEST_STORES, unary, voicebotService, type TestDatabase } from '@voicebot/common';
import { MediaPeer } from '../src/testing/media-peer.ts';
import { startDialogueService, type DialogueConfig, type DialogueService } from '../src/service.ts';

/** A dialer that records what it receives; `down` makes it answer UNAVAILABLE. */
class FakeDialer {
  dnc: Record<string, unknown>[] = [];
  outcomes: Record<string, unknown>[] = [];
  down = false;
  server = new grpc.Server();
  port = 0;

  async start(): Promise<void> {
    const reply = (list: Record<string, unknown>[], res: unknown) => (call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      if (this.down) return cb({ code: grpc.status.UNAVAILABLE, details: 'dialer down' });
      list.push(call.request);
      cb(null, res);
    };
    this.server.addService(voicebotService('DialerService').service, {
      AddDoNotCall: reply(this.dnc, { phone_e164: '+8613800000000' }),
      ReportCallOutcome: reply(this.outcomes, { accepted: true }),
    });
    this.port = await bindServer(this.server, '127.0.0.1', 0);
  }
}

async function eventually<T>(fn: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(TEST_STORES)('dialogue service on $kind', ({ create }) => {
  let db: TestDatabase;
  let service: DialogueService;
  let dialer: FakeDialer;
  let client: grpc.Client;
  let api: grpc.Client;

  beforeAll(async () => {
    db = await create();
    dialer = new FakeDialer();
    await dialer.start();
    const config: DialogueConfig = {
      grpcHost: '127.0.0.1', grpcPort: 0, httpHost: '127.0.0.1', httpPort: 0,
      dialerAddr: `127.0.0.1:${dialer.port}`, dialerTimeoutMs: 1000, outboxIntervalMs: 200,
      scriptsDir: 'services/dialogue/scripts', defaultScript: 'loan-zh', loadScripts: true, graceMs: 1000,
      databaseUrl: db.url, logLevel: 'silent', dataDir: './data', pgliteHost: '127.0.0.1', pglitePort: await freePort(),
    };
    service = await startDialogueService(config);
    client = MediaPeer.client(`127.0.0.1:${service.grpcPort}`);
    const Api = voicebotService('DialogueService');
    api = new Api(`127.0.0.1:${service.grpcPort}`, grpc.credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    api?.close();
    await service?.stop();
    dialer?.server.forceShutdown();
    await db?.drop();
  });

  it('runs the main line to consent (grade B) and reports the outcome to the dialer', async () => {
    const peer = new MediaPeer(client, `b-${db.kind}`);
    peer.start();
    let turn = await peer.takeTurn();
    expect(turn.map((c) => c.play_prompt?.prompt_id)).toEqual(['open_1']);
    expect(turn[0]!.play_prompt!.barge_in).toBe('BARGE_IN_POLICY_KEYWORDS');
    expect(turn[0]!.play_prompt!.interrupt_keywords).toContain('不需要');
    expect(turn[0]!.play_prompt!.interrupt_keywords).not.toContain('嗯');
    expect(turn[0]!.play_prompt!.script_id).toBe('loan-zh');
    peer.played(turn);
    peer.say('可以');
    turn = await peer.takeTurn();
    expect(turn.map((c) => c.play_prompt?.prompt_id)).toEqual(['intro_1']);
    peer.played(turn);
    peer.say('有需要');
    turn = await peer.takeTurn();
    peer.played(turn);
    peer.say('好的');
    turn = await peer.takeTurn();
    expect(turn.map((c) => c.command)).toEqual(['play_prompt', 'hang_up']);
    expect(turn[0]!.play_prompt!.prompt_id).toBe('close_ok');
    peer.played(turn);
    peer.end();
    const outcome = await eventually(() => dialer.outcomes.find((o) => o.call_id === peer.callId), (v) => v !== undefined);
    expect(outcome).toMatchObject({ grade: 'GRADE_B', consent: true, opted_out: false, lead_id: `lead-${peer.callId}` });
    const rec = await unary<unknown, Record<string, unknown>>(api, 'GetCallRecord', { call_id: peer.callId });
    expect(rec).toMatchObject({ grade: 'GRADE_B', path: ['open_1', 'intro_1', 'invite_1', 'close_ok'], script_id: 'loan-zh' });
    expect((rec.consent as Record<string, unknown>).utterance).toBe('好的');
  });

  it('sends the do-not-call record at once on opt-out, and grades F', async () => {
    const peer = new MediaPeer(client, `f-${db.kind}`);
    peer.start();
    peer.played(await peer.takeTurn());
    peer.say('别再打了，再打我投诉');
    const turn = await peer.takeTurn();
    expect(turn.map((c) => c.play_prompt?.prompt_id ?? c.command)).toEqual(['optout', 'hang_up']);
    const dnc = await eventually(() => dialer.dnc.find((d) => d.call_id === peer.callId), (v) => v !== undefined);
    expect(dnc).toMatchObject({ lead_id: `lead-${peer.callId}`, reason: 'opt_out', source: 'dialogue' });
    peer.end();
    const outcome = await eventually(() => dialer.outcomes.find((o) => o.call_id === peer.callId), (v) => v !== undefined);
    expect(outcome).toMatchObject({ grade: 'GRADE_F', opted_out: true });
  });

  it('hangs up at once on an answering machine', async () => {
    const peer = new MediaPeer(client, `m-${db.kind}`);
    peer.start({ answered_by: 'machine' });
    const [cmd] = await peer.take(1);
    expect(cmd!.hang_up).toMatchObject({ reason: 'answering_machine', immediate: true });
    peer.end();
    const outcome = await eventually(() => dialer.outcomes.find((o) => o.call_id === peer.callId), (v) => v !== undefined);
    expect(outcome).toMatchObject({ grade: 'GRADE_F' });
  });

  it('refuses a stream whose first event is not call_started', async () => {
    const peer = new MediaPeer(client, `x-${db.kind}`);
    peer.say('你好');
    await peer.take(1).catch(() => []);
    await eventually(() => peer.status, (s) => s !== undefined);
    expect(peer.status?.code).toBe(grpc.status.FAILED_PRECONDITION);
  });

  it('handles a reply heard during a none-policy prompt after it, drops duplicates and late transcripts', async () => {
    const peer = new MediaPeer(client, `d-${db.kind}`);
    peer.start();
    let turn = await peer.takeTurn();
    peer.played(turn);
    peer.say('你是谁'); // kb_who + open re-ask
    turn = await peer.takeTurn();
    expect(turn.map((c) => c.play_prompt?.prompt_id)).toEqual(['kb_who', 'open_ask']);
    // a backchannel during the prompts is held, then dropped
    peer.say('嗯');
    peer.played(turn);
    peer.send({ final_transcript: { text: '可以', confidence: 0.9, start_ms: 1, end_ms: 2 } });
    turn = await peer.takeTurn();
    expect(turn.map((c) => c.play_prompt?.prompt_id)).toEqual(['intro_1']);
    peer.send({ final_transcript: { text: '可以', confidence: 0.9, start_ms: 1, end_ms: 2 } }, 3); // duplicate seq: ignored
    peer.played(turn);
    peer.say('不需要');
    turn = await peer.takeTurn();
    expect(turn.map((c) => c.play_prompt?.prompt_id)).toEqual(['retain_intro']);
    peer.played(turn);
    peer.say('不要');
    turn = await peer.takeTurn();
    expect(turn.map((c) => c.play_prompt?.prompt_id ?? c.command)).toEqual(['close_no', 'hang_up']);
    peer.say('等一下'); // after hang-up: ignored
    peer.played(turn);
    peer.end();
    const rec = await eventually(
      () => unary<unknown, Record<string, unknown>>(api, 'GetCallRecord', { call_id: peer.callId }).catch(() => ({}) as Record<string, unknown>),
      (r) => r.grade === 'GRADE_D',
    );
    expect(rec).toMatchObject({ grade: 'GRADE_D', path: ['open_1', 'kb_who', 'open_1', 'intro_1', 'retain_intro', 'close_no'] });
  });

  it('keeps the outcome in the outbox while the dialer is down and delivers it later', async () => {
    dialer.down = true;
    const peer = new MediaPeer(client, `o-${db.kind}`);
    peer.start();
    peer.played(await peer.takeTurn());
    peer.end('HANGUP_PARTY_CALLEE', 3000);
    await new Promise((r) => setTimeout(r, 500));
    expect(dialer.outcomes.find((o) => o.call_id === peer.callId)).toBeUndefined();
    dialer.down = false;
    const outcome = await eventually(() => dialer.outcomes.find((o) => o.call_id === peer.callId), (v) => v !== undefined, 20_000);
    expect(outcome).toMatchObject({ grade: 'GRADE_E', end_reason: 'callee_hangup' });
  });

  it('answers NOT_FOUND for an unknown call id and INVALID_ARGUMENT with locations for a broken script', async () => {
    await expect(unary(api, 'GetCallRecord', { call_id: 'nope' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    const bad = 'id: broken\ntitle: t\nlanguage: zh\nstart: a\nprompts: {}\nstages: {s: {}}\nnodes:\n  a: {stage: s, prompt: p1}\ngrading: [{grade: E, when: "true", reason: r}]\n';
    await expect(unary(api, 'UploadScript', { script_id: 'broken', source: bad })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    const v = await unary<unknown, { ok: boolean; problems: { line: number; code: string }[] }>(api, 'ValidateScript', { source: bad });
    expect(v.ok).toBe(false);
    expect(v.problems.find((p) => p.code === 'missing_prompt')?.line).toBe(8);
  });
  it('keeps a call on the script version it started with when a new version is uploaded', async () => {
    const peer = new MediaPeer(client, `v-${db.kind}`);
    peer.start();
    const first = await peer.takeTurn();
    expect(first[0]!.play_prompt!.text).toContain('耽误您一分钟');
    const source = fs.readFileSync(fromRoot('services/dialogue/scripts/loan-zh.yaml'), 'utf8').replace('最快当天到账', '最快两小时到账');
    const up = await unary<unknown, { version: number }>(api, 'UploadScript', { script_id: 'loan-zh', source });
    expect(up.version).toBeGreaterThan(1);
    peer.played(first);
    peer.say('可以');
    const intro = await peer.takeTurn();
    expect(intro[0]!.play_prompt!.text).toContain('最快当天到账');
    const fresh = new MediaPeer(client, `v2-${db.kind}`);
    fresh.start();
    fresh.played(await fresh.takeTurn());
    fresh.say('可以');
    expect((await fresh.takeTurn())[0]!.play_prompt!.text).toContain('最快两小时到账');
    peer.end('HANGUP_PARTY_CALLEE');
    fresh.end('HANGUP_PARTY_CALLEE');
    const rec = await eventually(
      () => unary<unknown, Record<string, unknown>>(api, 'GetCallRecord', { call_id: peer.callId }).catch(() => ({}) as Record<string, unknown>),
      (r) => r.grade === 'GRADE_C',
    );
    expect(rec.script_version).toBe(1);
    const scripts = await unary<unknown, { scripts: { script_id: string; latest_version: number }[] }>(api, 'ListScripts', {});
    expect(scripts.scripts.find((x) => x.script_id === 'loan-zh')?.latest_version).toBe(up.version);
    const v1 = await unary<unknown, { source: string }>(api, 'GetScript', { script_id: 'loan-zh', version: 1 });
    expect(v1.source).toContain('最快当天到账');
  });

  it('simulates text through a stored script and lists records by campaign and grade, with a funnel', async () => {
    const sim = await unary<unknown, Record<string, unknown>>(api, 'Simulate', { script_id: 'loan-zh', utterances: ['利息多少', '可以', '有需要', '好的'] });
    expect(sim).toMatchObject({ grade: 'GRADE_A', consent: true, path: ['open_1', 'kb_rate', 'open_1', 'intro_1', 'invite_1', 'close_ok'] });
    const byGrade = await unary<unknown, { records: { call_id: string; grade: string }[] }>(api, 'ListCallRecords', { campaign_id: 'test', grade: 'GRADE_F' });
    expect(byGrade.records.length).toBeGreaterThanOrEqual(2);
    expect(byGrade.records.every((r) => r.grade === 'GRADE_F')).toBe(true);
    const page = await unary<unknown, { records: unknown[]; next_page_token: string }>(api, 'ListCallRecords', { campaign_id: 'test', limit: 2 });
    expect(page.records).toHaveLength(2);
    const next = await unary<unknown, { records: { call_id: string }[] }>(api, 'ListCallRecords', { campaign_id: 'test', limit: 2, page_token: page.next_page_token });
    expect(next.records).toHaveLength(2);
    await expect(unary(api, 'ListCallRecords', { page_token: 'garbage' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    const funnel = await unary<unknown, { calls: number; nodes: { node_id: string; reached: number; refusals: number }[]; grades: { grade: string; count: number }[] }>(api, 'GetFunnel', { campaign_id: 'test' });
    expect(funnel.calls).toBeGreaterThanOrEqual(5);
    expect(funnel.nodes.find((n) => n.node_id === 'open_1')?.reached).toBe(funnel.calls - 1); // the machine call played nothing
    expect(funnel.grades.find((g) => g.grade === 'GRADE_F')?.count).toBeGreaterThanOrEqual(2);
  });
  it('keeps consent and opt-out evidence append-only', async () => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const before = await c.query('SELECT call_id, utterance FROM dialogue_consents ORDER BY id');
      expect(before.rows).toContainEqual({ call_id: `b-${db.kind}`, utterance: '好的' });
      await c.query("UPDATE dialogue_consents SET utterance = 'tampered'");
      await c.query('DELETE FROM dialogue_opt_outs');
      const after = await c.query('SELECT call_id, utterance FROM dialogue_consents ORDER BY id');
      expect(after.rows).toEqual(before.rows);
      const optOuts = await c.query('SELECT call_id, evidence FROM dialogue_opt_outs');
      expect(optOuts.rows).toContainEqual({ call_id: `f-${db.kind}`, evidence: '别再打了，再打我投诉' });
    } finally {
      await c.end();
    }
  });
  it('closes the record of a call still in flight when the service stops', async () => {
    const peer = new MediaPeer(client, `s-${db.kind}`);
    peer.start();
    peer.played(await peer.takeTurn());
    peer.say('可以');
    await peer.takeTurn();
    await service.stop(Date.now());
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const r = await c.query<{ grade: string; end_reason: string }>('SELECT grade, end_reason FROM dialogue_calls WHERE call_id = $1', [peer.callId]);
      expect(r.rows[0]).toEqual({ grade: 'C', end_reason: 'stream_cancelled' });
    } finally {
      await c.end();
    }
  });
});
