import { grpc, grpcError, type Logger } from '@voicebot/common';
import type { GetFunnelRequest__Output } from '@voicebot/common/generated/voicebot/v1/GetFunnelRequest';
import type { ListCallRecordsRequest__Output } from '@voicebot/common/generated/voicebot/v1/ListCallRecordsRequest';
import type { SimulateRequest__Output } from '@voicebot/common/generated/voicebot/v1/SimulateRequest';
import { computeFunnel, stageOrder } from '../analytics/funnel.ts';
import { simulate } from '../engine/simulate.ts';
import { loadScript, parseScript, ScriptInvalidError } from '../script/load.ts';
import type { DialogueStore } from '../store/dialogue-store.ts';
import type { ScriptRegistry } from '../store/script-registry.ts';
import { gradeFromProto, gradeToProto, problemToProto, recordToProto } from './to-proto.ts';

export interface DialogueServiceDeps {
  registry: ScriptRegistry;
  store: DialogueStore;
  log: Logger;
}

type Handler<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, cb: grpc.sendUnaryData<Res>) => void;

/** Wrap an async handler: thrown errors become a gRPC status with a message, never a crash. */
function unaryHandler<Req, Res>(log: Logger, name: string, fn: (req: Req) => Promise<Res>): Handler<Req, Res> {
  return (call, cb) => {
    fn(call.request).then(
      (res) => cb(null, res),
      (err: unknown) => {
        if (err instanceof ScriptInvalidError) return cb(grpcError(grpc.status.INVALID_ARGUMENT, err.message));
        if (err instanceof RangeError) return cb(grpcError(grpc.status.INVALID_ARGUMENT, err.message));
        if (err && typeof err === 'object' && 'code' in err && typeof (err as grpc.ServiceError).code === 'number') return cb(err as grpc.ServiceError);
        log.error({ err, rpc: name }, 'rpc failed');
        cb(grpcError(grpc.status.INTERNAL, `${name} failed: ${err instanceof Error ? err.message : String(err)}`));
      },
    );
  };
}

export function createDialogueService(deps: DialogueServiceDeps): grpc.UntypedServiceImplementation {
  const { registry, store, log } = deps;
  const h = <Req, Res>(name: string, fn: (req: Req) => Promise<Res>): Handler<Req, Res> => unaryHandler(log, name, fn);
  return {
    UploadScript: h('UploadScript', async (req: { script_id: string; source: string }) => {
      if (!req.source) throw grpcError(grpc.status.INVALID_ARGUMENT, 'source is empty');
      const { stored, problems } = await registry.upload(req.source, req.script_id || undefined);
      return { script_id: stored.scriptId, version: stored.version, problems: problems.map(problemToProto) };
    }),
    ValidateScript: h('ValidateScript', async (req: { source: string }) => {
      const r = parseScript(req.source);
      return { ok: r.ok, problems: r.problems.map(problemToProto) };
    }),
    ListScripts: h('ListScripts', async () => ({
      scripts: (await store.listLatestScripts()).map((s) => ({
        script_id: s.scriptId,
        latest_version: s.version,
        title: s.title,
        language: s.language,
        updated_at_ms: s.createdAtMs,
      })),
    })),
    GetScript: h('GetScript', async (req: { script_id: string; version: number }) => {
      const s = await store.getScript(req.script_id, req.version);
      if (!s) throw grpcError(grpc.status.NOT_FOUND, `script '${req.script_id}'${req.version ? ` version ${req.version}` : ''} not found`);
      return { script_id: s.scriptId, version: s.version, source: s.source };
    }),
    GetCallRecord: h('GetCallRecord', async (req: { call_id: string }) => {
      if (!req.call_id) throw grpcError(grpc.status.INVALID_ARGUMENT, 'call_id is empty');
      const r = await store.getCall(req.call_id);
      if (!r) throw grpcError(grpc.status.NOT_FOUND, `no call record for call '${req.call_id}'`);
      return recordToProto(r);
    }),
    ListCallRecords: h('ListCallRecords', async (req: ListCallRecordsRequest__Output) => {
      const { records, nextPageToken } = await store.listCalls({
        campaignId: req.campaign_id,
        grade: gradeFromProto(req.grade),
        fromMs: req.from_ms,
        toMs: req.to_ms,
        limit: req.limit,
        pageToken: req.page_token,
      });
      return { records: records.map(recordToProto), next_page_token: nextPageToken };
    }),
    Simulate: h('Simulate', async (req: SimulateRequest__Output) => {
      const script = req.source ? loadScript(req.source, 0).compiled : await registry.get(req.script_id, req.version);
      if (!script) throw grpcError(grpc.status.NOT_FOUND, `script '${req.script_id}' not found`);
      const r = simulate(script, req.utterances);
      return {
        steps: r.steps.map((s) => ({ node_id: s.nodeId, prompt_id: s.promptId, prompt_text: s.promptText, utterance: s.utterance, intent: s.intent, rule: s.rule })),
        grade: gradeToProto(r.grade),
        grade_reason: r.gradeReason,
        consent: r.consent,
        opted_out: r.optedOut,
        path: r.path,
        slots: r.slots,
        end_reason: r.endReason,
      };
    }),
    GetFunnel: h('GetFunnel', async (req: GetFunnelRequest__Output) => {
      const records = [];
      let pageToken = '';
      do {
        const page = await store.listCalls({ campaignId: req.campaign_id, fromMs: req.from_ms, toMs: req.to_ms, limit: 1000, pageToken });
        records.push(...page.records);
        pageToken = page.nextPageToken;
      } while (pageToken);
      const scriptId = records[0]?.scriptId;
      const script = scriptId ? await registry.get(scriptId) : undefined;
      const stageOf = script ? stageOrder(script.script.stages, script.script.nodes) : () => undefined;
      const f = computeFunnel(records, stageOf);
      return {
        calls: f.calls,
        nodes: f.nodes.map((n) => ({ node_id: n.nodeId, reached: n.reached, barge_ins: n.bargeIns, refusals: n.refusals, hang_ups: n.hangUps, silences: n.silences, conversion: n.conversion })),
        grades: Object.entries(f.grades).filter(([g]) => g !== 'none').map(([g, count]) => ({ grade: gradeToProto(g), count })),
      };
    }),
  };
}
