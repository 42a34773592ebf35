import { CLIENT_OPTIONS, grpc, unary, voicebotService } from '@voicebot/common/grpc';
import type { CampaignStats__Output } from '@voicebot/common/generated/voicebot/v1/CampaignStats';
import type { Campaign__Output } from '@voicebot/common/generated/voicebot/v1/Campaign';
import type { CreateCampaignRequest } from '@voicebot/common/generated/voicebot/v1/CreateCampaignRequest';
import type { ImportLeadsResponse__Output } from '@voicebot/common/generated/voicebot/v1/ImportLeadsResponse';
import type { ListCallRecordsResponse__Output } from '@voicebot/common/generated/voicebot/v1/ListCallRecordsResponse';
import type { CallRecord__Output } from '@voicebot/common/generated/voicebot/v1/CallRecord';

/** The few RPCs the supervisor needs, typed, each with a deadline. */
export class PlatformClients {
  private readonly dialer: grpc.Client;
  private readonly dialogue: grpc.Client;

  constructor(dialerAddr: string, dialogueAddr: string) {
    const Dialer = voicebotService('DialerService');
    const Dialogue = voicebotService('DialogueService');
    this.dialer = new Dialer(dialerAddr, grpc.credentials.createInsecure(), CLIENT_OPTIONS);
    this.dialogue = new Dialogue(dialogueAddr, grpc.credentials.createInsecure(), CLIENT_OPTIONS);
  }

  createCampaign(req: CreateCampaignRequest): Promise<Campaign__Output> {
    return unary(this.dialer, 'CreateCampaign', req);
  }
  importLeads(campaignId: string, csv: string): Promise<ImportLeadsResponse__Output> {
    return unary(this.dialer, 'ImportLeads', { campaign_id: campaignId, csv }, 30_000);
  }
  startCampaign(campaignId: string): Promise<Campaign__Output> {
    return unary(this.dialer, 'StartCampaign', { campaign_id: campaignId });
  }
  stats(campaignId: string): Promise<CampaignStats__Output> {
    return unary(this.dialer, 'GetCampaignStats', { campaign_id: campaignId });
  }
  async records(campaignId: string): Promise<CallRecord__Output[]> {
    const out: CallRecord__Output[] = [];
    let page_token = '';
    do {
      const res = await unary<unknown, ListCallRecordsResponse__Output>(this.dialogue, 'ListCallRecords', { campaign_id: campaignId, limit: 1000, page_token });
      out.push(...res.records);
      page_token = res.next_page_token;
    } while (page_token);
    return out;
  }

  close(): void {
    this.dialer.close();
    this.dialogue.close();
  }
}
