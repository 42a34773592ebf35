import { grpc, toGrpcError, type Logger } from '@voicebot/common';
import type { AddDoNotCallRequest__Output } from '@voicebot/common/generated/voicebot/v1/AddDoNotCallRequest';
import type { AddDoNotCallResponse } from '@voicebot/common/generated/voicebot/v1/AddDoNotCallResponse';
import type { CallOutcomeReport__Output } from '@voicebot/common/generated/voicebot/v1/CallOutcomeReport';
import type { Campaign } from '@voicebot/common/generated/voicebot/v1/Campaign';
import type { CampaignRef__Output } from '@voicebot/common/generated/voicebot/v1/CampaignRef';
import type { CampaignStats } from '@voicebot/common/generated/voicebot/v1/CampaignStats';
import type { CapacityReport__Output } from '@voicebot/common/generated/voicebot/v1/CapacityReport';
import type { CheckDoNotCallRequest__Output } from '@voicebot/common/generated/voicebot/v1/CheckDoNotCallRequest';
import type { CheckDoNotCallResponse } from '@voicebot/common/generated/voicebot/v1/CheckDoNotCallResponse';
import type { CreateCampaignRequest__Output } from '@voicebot/common/generated/voicebot/v1/CreateCampaignRequest';
import type { ImportLeadsRequest__Output } from '@voicebot/common/generated/voicebot/v1/ImportLeadsRequest';
import type { ImportLeadsResponse } from '@voicebot/common/generated/voicebot/v1/ImportLeadsResponse';
import type { ReportAck } from '@voicebot/common/generated/voicebot/v1/ReportAck';
import type { CampaignView, Dialer } from './dialer.ts';
import { dialerError } from './errors.ts';

function toCampaign(c: CampaignView): Campaign {
  return { campaign_id: c.id, spec: c.spec, state: `CAMPAIGN_STATE_${c.state}` as Campaign['state'], created_at_ms: c.createdMs };
}

/** "GRADE_A" → "A" (stored and shown as the letter). */
export function gradeLetter(grade: string): string {
  const m = /^GRADE_([A-F])$/.exec(grade);
  return m ? m[1]! : '';
}

function required(value: string, field: string): string {
  if (!value) throw dialerError('DIALER_ERR_INVALID_ARGUMENT', `${field} is required`);
  return value;
}

type Handler<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, cb: grpc.sendUnaryData<Res>) => void;

/** DialerService handlers: thin translation between proto messages and the Dialer. */
export function dialerServiceHandlers(dialer: Dialer, log: Logger): Record<string, Handler<never, unknown>> {
  const wrap =
    <Req, Res>(name: string, fn: (req: Req) => Promise<Res> | Res): Handler<Req, Res> =>
    (call, cb) => {
      Promise.resolve()
        .then(() => fn(call.request))
        .then((res) => cb(null, res))
        .catch((err: unknown) => {
          const e = toGrpcError(err);
          if (e.code === grpc.status.INTERNAL) log.error({ err, rpc: name }, 'rpc failed');
          cb(e);
        });
    };
  const handlers = {
    CreateCampaign: wrap<CreateCampaignRequest__Output, Campaign>('CreateCampaign', async (req) =>
      toCampaign(await dialer.createCampaign(req.campaign_id, req.spec)),
    ),
    StartCampaign: wrap<CampaignRef__Output, Campaign>('StartCampaign', async (req) => toCampaign(await dialer.startCampaign(required(req.campaign_id, 'campaign_id')))),
    PauseCampaign: wrap<CampaignRef__Output, Campaign>('PauseCampaign', async (req) => toCampaign(await dialer.pauseCampaign(required(req.campaign_id, 'campaign_id')))),
    StopCampaign: wrap<CampaignRef__Output, Campaign>('StopCampaign', async (req) => toCampaign(await dialer.stopCampaign(required(req.campaign_id, 'campaign_id')))),
    GetCampaignStats: wrap<CampaignRef__Output, CampaignStats>('GetCampaignStats', async (req) => {
      const s = await dialer.stats(required(req.campaign_id, 'campaign_id'));
      const c = s.counts;
      const ended = Object.values(c.outcomes).reduce((a, b) => a + b, 0);
      return {
        campaign_id: s.campaign.id,
        state: `CAMPAIGN_STATE_${s.campaign.state}` as CampaignStats['state'],
        leads_total: c.leadsTotal,
        leads_pending: c.leadsPending + c.leadsDialing,
        leads_done: c.leadsDone + c.leadsBlocked,
        dialing: (c.live.originating ?? 0) + (c.live.dialing ?? 0),
        ringing: c.live.ringing ?? 0,
        in_call: c.live.in_call ?? 0,
        answered: c.outcomes.answered ?? 0,
        busy: c.outcomes.busy ?? 0,
        no_answer: c.outcomes.no_answer ?? 0,
        machine: c.outcomes.machine ?? 0,
        failed: (c.outcomes.failed ?? 0) + (c.outcomes.unknown ?? 0),
        abandoned: c.outcomes.abandoned ?? 0,
        completed: ended,
        grades: c.grades,
        opt_outs: c.optOuts,
        dial_level: s.dialLevel,
        answer_rate: s.answerRate,
        abandon_ratio: s.abandonRatio,
        blocks: c.blocks,
        attempts: c.attempts,
      };
    }),
    ImportLeads: wrap<ImportLeadsRequest__Output, ImportLeadsResponse>('ImportLeads', async (req) => {
      const res = await dialer.importLeads(required(req.campaign_id, 'campaign_id'), [req.csv]);
      return { imported: res.imported, duplicates: res.duplicates, errors: res.errors };
    }),
    AddDoNotCall: wrap<AddDoNotCallRequest__Output, AddDoNotCallResponse>('AddDoNotCall', async (req) => {
      const phone = await dialer.addDoNotCall({
        phone: req.phone,
        defaultRegion: req.default_region,
        reason: req.reason || 'manual',
        source: req.source || 'api',
        evidence: req.evidence,
        callId: req.call_id,
        leadId: req.lead_id,
      });
      return { phone_e164: phone };
    }),
    CheckDoNotCall: wrap<CheckDoNotCallRequest__Output, CheckDoNotCallResponse>('CheckDoNotCall', async (req) => {
      const r = await dialer.checkDoNotCall(required(req.phone, 'phone'), req.default_region);
      return { blocked: r.blocked, reason: r.reason, since_ms: r.sinceMs };
    }),
    ReportCallOutcome: wrap<CallOutcomeReport__Output, ReportAck>('ReportCallOutcome', async (req) => ({
      accepted: await dialer.reportOutcome({
        callId: required(req.call_id, 'call_id'),
        grade: gradeLetter(req.grade),
        consent: req.consent,
        optedOut: req.opted_out,
        refused: req.refused,
        endReason: req.end_reason,
        talkMs: req.talk_ms,
        answerToAudioMs: req.answer_to_audio_ms,
        optOutEvidence: req.opt_out_evidence,
      }),
    })),
    ReportCapacity: wrap<CapacityReport__Output, ReportAck>('ReportCapacity', (req) => {
      dialer.reportCapacity({
        instanceId: required(req.instance_id, 'instance_id'),
        totalSlots: req.total_slots,
        freeSlots: req.free_slots,
        activeCalls: req.active_calls,
        accepting: req.accepting,
      });
      return { accepted: true };
    }),
  };
  return handlers as unknown as Record<string, Handler<never, unknown>>;
}
