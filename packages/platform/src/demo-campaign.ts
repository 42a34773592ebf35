import type { CampaignStats__Output } from '@voicebot/common/generated/voicebot/v1/CampaignStats';
import type { CallRecord__Output } from '@voicebot/common/generated/voicebot/v1/CallRecord';
import type { ResolvedPersona } from '@voicebot/carrier-simulator';
import type { PlatformClients } from './grpc-clients.ts';

/**
 * The demo campaign: one campaign over the simulator's personas, dialed through the real dialer,
 * carrier simulator, media and dialogue services.
 */
export interface DemoCampaignOptions {
  clients: PlatformClients;
  personas: ResolvedPersona[];
  scriptId: string;
  /** Called about twice a second with the live statistics. */
  onProgress: (stats: CampaignStats__Output) => void;
  timeoutMs: number;
}

export interface DemoCampaignResult {
  campaignId: string;
  stats: CampaignStats__Output;
  records: CallRecord__Output[];
  completed: boolean;
}

/**
 * Demo numbers are fresh on every run: opt-outs and frequency caps from an earlier run persist in
 * ./data (as they must), and would otherwise block the same callees. Each number is a valid
 * mainland mobile (139 + 8 digits): the run id, then the persona number's last four digits.
 */
export function freshNumbers(personas: ResolvedPersona[], runId: number): ResolvedPersona[] {
  const run = String(runId % 10_000).padStart(4, '0');
  return personas.map((p) => {
    const digits = p.number.replace(/\D/g, '');
    return { ...p, number: `+86139${run}${digits.slice(-4)}` };
  });
}

export function leadsCsv(personas: ResolvedPersona[]): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return ['phone,name,timezone,persona', ...personas.map((p) => [p.number, p.name, 'Asia/Shanghai', p.persona].map(quote).join(','))].join('\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runDemoCampaign(opts: DemoCampaignOptions): Promise<DemoCampaignResult> {
  const { clients } = opts;
  const campaignId = `demo-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-')}`;
  await clients.createCampaign({
    campaign_id: campaignId,
    spec: {
      name: `Demo: ${opts.scriptId}`,
      script_id: opts.scriptId,
      caller_ids: ['+861085550100'],
      // The demo may run at any hour; real campaigns set local calling hours here.
      windows: [{ weekdays: [], start_minute: 0, end_minute: 1440 }],
      timezone_policy: 'lead',
      retry: { max_attempts: 1 },
      max_calls_per_number: 1,
      frequency_window_hours: 24,
      consent_mode: 'none',
      abandon_rule: { kind: 'fcc_30d', threshold: 0.03 },
      // Enough robots for every callee at once: the demo shows the conversations, not queueing.
      max_concurrent_calls: 32,
      max_calls_per_second: 10,
      carrier: 'simulator',
      default_region: 'CN',
    },
  });
  const imported = await clients.importLeads(campaignId, leadsCsv(opts.personas));
  if (imported.errors.length) {
    throw new Error(`demo leads rejected: ${imported.errors.map((e) => `row ${e.row}: ${e.reason}`).join('; ')}`);
  }
  await clients.startCampaign(campaignId);

  const deadline = Date.now() + opts.timeoutMs;
  let stats = await clients.stats(campaignId);
  let completedAt: number | undefined;
  let records: CallRecord__Output[] = [];
  while (Date.now() < deadline) {
    await sleep(500);
    stats = await clients.stats(campaignId);
    opts.onProgress(stats);
    if (stats.state !== 'CAMPAIGN_STATE_COMPLETED') continue;
    completedAt ??= Date.now();
    // The dialer learns a call is over from the carrier; the dialogue finishes its record a moment
    // later (records exist from call start, so only ended ones count).
    records = await clients.records(campaignId);
    const ended = records.filter((r) => Number(r.ended_at_ms) > 0).length;
    if (ended >= stats.answered + stats.machine || Date.now() - completedAt > 15_000) {
      return { campaignId, stats, records, completed: true };
    }
  }
  records = await clients.records(campaignId);
  return { campaignId, stats, records, completed: false };
}
