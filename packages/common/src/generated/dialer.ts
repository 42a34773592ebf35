import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AbandonRule as _voicebot_v1_AbandonRule, AbandonRule__Output as _voicebot_v1_AbandonRule__Output } from './voicebot/v1/AbandonRule.ts';
import type { AddDoNotCallRequest as _voicebot_v1_AddDoNotCallRequest, AddDoNotCallRequest__Output as _voicebot_v1_AddDoNotCallRequest__Output } from './voicebot/v1/AddDoNotCallRequest.ts';
import type { AddDoNotCallResponse as _voicebot_v1_AddDoNotCallResponse, AddDoNotCallResponse__Output as _voicebot_v1_AddDoNotCallResponse__Output } from './voicebot/v1/AddDoNotCallResponse.ts';
import type { CallOutcomeReport as _voicebot_v1_CallOutcomeReport, CallOutcomeReport__Output as _voicebot_v1_CallOutcomeReport__Output } from './voicebot/v1/CallOutcomeReport.ts';
import type { CallingWindow as _voicebot_v1_CallingWindow, CallingWindow__Output as _voicebot_v1_CallingWindow__Output } from './voicebot/v1/CallingWindow.ts';
import type { Campaign as _voicebot_v1_Campaign, Campaign__Output as _voicebot_v1_Campaign__Output } from './voicebot/v1/Campaign.ts';
import type { CampaignRef as _voicebot_v1_CampaignRef, CampaignRef__Output as _voicebot_v1_CampaignRef__Output } from './voicebot/v1/CampaignRef.ts';
import type { CampaignSpec as _voicebot_v1_CampaignSpec, CampaignSpec__Output as _voicebot_v1_CampaignSpec__Output } from './voicebot/v1/CampaignSpec.ts';
import type { CampaignStats as _voicebot_v1_CampaignStats, CampaignStats__Output as _voicebot_v1_CampaignStats__Output } from './voicebot/v1/CampaignStats.ts';
import type { CapacityReport as _voicebot_v1_CapacityReport, CapacityReport__Output as _voicebot_v1_CapacityReport__Output } from './voicebot/v1/CapacityReport.ts';
import type { CheckDoNotCallRequest as _voicebot_v1_CheckDoNotCallRequest, CheckDoNotCallRequest__Output as _voicebot_v1_CheckDoNotCallRequest__Output } from './voicebot/v1/CheckDoNotCallRequest.ts';
import type { CheckDoNotCallResponse as _voicebot_v1_CheckDoNotCallResponse, CheckDoNotCallResponse__Output as _voicebot_v1_CheckDoNotCallResponse__Output } from './voicebot/v1/CheckDoNotCallResponse.ts';
import type { CreateCampaignRequest as _voicebot_v1_CreateCampaignRequest, CreateCampaignRequest__Output as _voicebot_v1_CreateCampaignRequest__Output } from './voicebot/v1/CreateCampaignRequest.ts';
import type { DialerServiceClient as _voicebot_v1_DialerServiceClient, DialerServiceDefinition as _voicebot_v1_DialerServiceDefinition } from './voicebot/v1/DialerService.ts';
import type { ImportLeadsRequest as _voicebot_v1_ImportLeadsRequest, ImportLeadsRequest__Output as _voicebot_v1_ImportLeadsRequest__Output } from './voicebot/v1/ImportLeadsRequest.ts';
import type { ImportLeadsResponse as _voicebot_v1_ImportLeadsResponse, ImportLeadsResponse__Output as _voicebot_v1_ImportLeadsResponse__Output } from './voicebot/v1/ImportLeadsResponse.ts';
import type { ReportAck as _voicebot_v1_ReportAck, ReportAck__Output as _voicebot_v1_ReportAck__Output } from './voicebot/v1/ReportAck.ts';
import type { RetryPolicy as _voicebot_v1_RetryPolicy, RetryPolicy__Output as _voicebot_v1_RetryPolicy__Output } from './voicebot/v1/RetryPolicy.ts';
import type { RowError as _voicebot_v1_RowError, RowError__Output as _voicebot_v1_RowError__Output } from './voicebot/v1/RowError.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  voicebot: {
    v1: {
      AbandonRule: MessageTypeDefinition<_voicebot_v1_AbandonRule, _voicebot_v1_AbandonRule__Output>
      AddDoNotCallRequest: MessageTypeDefinition<_voicebot_v1_AddDoNotCallRequest, _voicebot_v1_AddDoNotCallRequest__Output>
      AddDoNotCallResponse: MessageTypeDefinition<_voicebot_v1_AddDoNotCallResponse, _voicebot_v1_AddDoNotCallResponse__Output>
      BargeInPolicy: EnumTypeDefinition
      CallOutcome: EnumTypeDefinition
      CallOutcomeReport: MessageTypeDefinition<_voicebot_v1_CallOutcomeReport, _voicebot_v1_CallOutcomeReport__Output>
      CallingWindow: MessageTypeDefinition<_voicebot_v1_CallingWindow, _voicebot_v1_CallingWindow__Output>
      Campaign: MessageTypeDefinition<_voicebot_v1_Campaign, _voicebot_v1_Campaign__Output>
      CampaignRef: MessageTypeDefinition<_voicebot_v1_CampaignRef, _voicebot_v1_CampaignRef__Output>
      CampaignSpec: MessageTypeDefinition<_voicebot_v1_CampaignSpec, _voicebot_v1_CampaignSpec__Output>
      CampaignState: EnumTypeDefinition
      CampaignStats: MessageTypeDefinition<_voicebot_v1_CampaignStats, _voicebot_v1_CampaignStats__Output>
      CapacityReport: MessageTypeDefinition<_voicebot_v1_CapacityReport, _voicebot_v1_CapacityReport__Output>
      CheckDoNotCallRequest: MessageTypeDefinition<_voicebot_v1_CheckDoNotCallRequest, _voicebot_v1_CheckDoNotCallRequest__Output>
      CheckDoNotCallResponse: MessageTypeDefinition<_voicebot_v1_CheckDoNotCallResponse, _voicebot_v1_CheckDoNotCallResponse__Output>
      CreateCampaignRequest: MessageTypeDefinition<_voicebot_v1_CreateCampaignRequest, _voicebot_v1_CreateCampaignRequest__Output>
      DialerService: SubtypeConstructor<typeof grpc.Client, _voicebot_v1_DialerServiceClient> & { service: _voicebot_v1_DialerServiceDefinition }
      Grade: EnumTypeDefinition
      HangupParty: EnumTypeDefinition
      ImportLeadsRequest: MessageTypeDefinition<_voicebot_v1_ImportLeadsRequest, _voicebot_v1_ImportLeadsRequest__Output>
      ImportLeadsResponse: MessageTypeDefinition<_voicebot_v1_ImportLeadsResponse, _voicebot_v1_ImportLeadsResponse__Output>
      ReportAck: MessageTypeDefinition<_voicebot_v1_ReportAck, _voicebot_v1_ReportAck__Output>
      RetryPolicy: MessageTypeDefinition<_voicebot_v1_RetryPolicy, _voicebot_v1_RetryPolicy__Output>
      RowError: MessageTypeDefinition<_voicebot_v1_RowError, _voicebot_v1_RowError__Output>
    }
  }
}

