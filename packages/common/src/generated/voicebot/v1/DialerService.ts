// Original file: /work/main/proto/voicebot/v1/dialer.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddDoNotCallRequest as _voicebot_v1_AddDoNotCallRequest, AddDoNotCallRequest__Output as _voicebot_v1_AddDoNotCallRequest__Output } from '../../voicebot/v1/AddDoNotCallRequest.ts';
import type { AddDoNotCallResponse as _voicebot_v1_AddDoNotCallResponse, AddDoNotCallResponse__Output as _voicebot_v1_AddDoNotCallResponse__Output } from '../../voicebot/v1/AddDoNotCallResponse.ts';
import type { CallOutcomeReport as _voicebot_v1_CallOutcomeReport, CallOutcomeReport__Output as _voicebot_v1_CallOutcomeReport__Output } from '../../voicebot/v1/CallOutcomeReport.ts';
import type { Campaign as _voicebot_v1_Campaign, Campaign__Output as _voicebot_v1_Campaign__Output } from '../../voicebot/v1/Campaign.ts';
import type { CampaignRef as _voicebot_v1_CampaignRef, CampaignRef__Output as _voicebot_v1_CampaignRef__Output } from '../../voicebot/v1/CampaignRef.ts';
import type { CampaignStats as _voicebot_v1_CampaignStats, CampaignStats__Output as _voicebot_v1_CampaignStats__Output } from '../../voicebot/v1/CampaignStats.ts';
import type { CapacityReport as _voicebot_v1_CapacityReport, CapacityReport__Output as _voicebot_v1_CapacityReport__Output } from '../../voicebot/v1/CapacityReport.ts';
import type { CheckDoNotCallRequest as _voicebot_v1_CheckDoNotCallRequest, CheckDoNotCallRequest__Output as _voicebot_v1_CheckDoNotCallRequest__Output } from '../../voicebot/v1/CheckDoNotCallRequest.ts';
import type { CheckDoNotCallResponse as _voicebot_v1_CheckDoNotCallResponse, CheckDoNotCallResponse__Output as _voicebot_v1_CheckDoNotCallResponse__Output } from '../../voicebot/v1/CheckDoNotCallResponse.ts';
import type { CreateCampaignRequest as _voicebot_v1_CreateCampaignRequest, CreateCampaignRequest__Output as _voicebot_v1_CreateCampaignRequest__Output } from '../../voicebot/v1/CreateCampaignRequest.ts';
import type { ImportLeadsRequest as _voicebot_v1_ImportLeadsRequest, ImportLeadsRequest__Output as _voicebot_v1_ImportLeadsRequest__Output } from '../../voicebot/v1/ImportLeadsRequest.ts';
import type { ImportLeadsResponse as _voicebot_v1_ImportLeadsResponse, ImportLeadsResponse__Output as _voicebot_v1_ImportLeadsResponse__Output } from '../../voicebot/v1/ImportLeadsResponse.ts';
import type { ReportAck as _voicebot_v1_ReportAck, ReportAck__Output as _voicebot_v1_ReportAck__Output } from '../../voicebot/v1/ReportAck.ts';

export interface DialerServiceClient extends grpc.Client {
  /**
   * Add a number to the do-not-call list (append-only, with evidence).
   */
  AddDoNotCall(argument: _voicebot_v1_AddDoNotCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_AddDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  AddDoNotCall(argument: _voicebot_v1_AddDoNotCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_AddDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  AddDoNotCall(argument: _voicebot_v1_AddDoNotCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_AddDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  AddDoNotCall(argument: _voicebot_v1_AddDoNotCallRequest, callback: grpc.requestCallback<_voicebot_v1_AddDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Add a number to the do-not-call list (append-only, with evidence).
   */
  addDoNotCall(argument: _voicebot_v1_AddDoNotCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_AddDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  addDoNotCall(argument: _voicebot_v1_AddDoNotCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_AddDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  addDoNotCall(argument: _voicebot_v1_AddDoNotCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_AddDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  addDoNotCall(argument: _voicebot_v1_AddDoNotCallRequest, callback: grpc.requestCallback<_voicebot_v1_AddDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Is a number on the do-not-call list?
   */
  CheckDoNotCall(argument: _voicebot_v1_CheckDoNotCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_CheckDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  CheckDoNotCall(argument: _voicebot_v1_CheckDoNotCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_CheckDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  CheckDoNotCall(argument: _voicebot_v1_CheckDoNotCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_CheckDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  CheckDoNotCall(argument: _voicebot_v1_CheckDoNotCallRequest, callback: grpc.requestCallback<_voicebot_v1_CheckDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Is a number on the do-not-call list?
   */
  checkDoNotCall(argument: _voicebot_v1_CheckDoNotCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_CheckDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  checkDoNotCall(argument: _voicebot_v1_CheckDoNotCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_CheckDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  checkDoNotCall(argument: _voicebot_v1_CheckDoNotCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_CheckDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  checkDoNotCall(argument: _voicebot_v1_CheckDoNotCallRequest, callback: grpc.requestCallback<_voicebot_v1_CheckDoNotCallResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Create a campaign (state PAUSED until StartCampaign). INVALID_ARGUMENT names the bad field.
   */
  CreateCampaign(argument: _voicebot_v1_CreateCampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  CreateCampaign(argument: _voicebot_v1_CreateCampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  CreateCampaign(argument: _voicebot_v1_CreateCampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  CreateCampaign(argument: _voicebot_v1_CreateCampaignRequest, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  /**
   * Create a campaign (state PAUSED until StartCampaign). INVALID_ARGUMENT names the bad field.
   */
  createCampaign(argument: _voicebot_v1_CreateCampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  createCampaign(argument: _voicebot_v1_CreateCampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  createCampaign(argument: _voicebot_v1_CreateCampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  createCampaign(argument: _voicebot_v1_CreateCampaignRequest, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  
  /**
   * Live statistics: counts by state and outcome, answer rate, dial level, abandon ratio.
   */
  GetCampaignStats(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_CampaignStats__Output>): grpc.ClientUnaryCall;
  GetCampaignStats(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_CampaignStats__Output>): grpc.ClientUnaryCall;
  GetCampaignStats(argument: _voicebot_v1_CampaignRef, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_CampaignStats__Output>): grpc.ClientUnaryCall;
  GetCampaignStats(argument: _voicebot_v1_CampaignRef, callback: grpc.requestCallback<_voicebot_v1_CampaignStats__Output>): grpc.ClientUnaryCall;
  /**
   * Live statistics: counts by state and outcome, answer rate, dial level, abandon ratio.
   */
  getCampaignStats(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_CampaignStats__Output>): grpc.ClientUnaryCall;
  getCampaignStats(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_CampaignStats__Output>): grpc.ClientUnaryCall;
  getCampaignStats(argument: _voicebot_v1_CampaignRef, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_CampaignStats__Output>): grpc.ClientUnaryCall;
  getCampaignStats(argument: _voicebot_v1_CampaignRef, callback: grpc.requestCallback<_voicebot_v1_CampaignStats__Output>): grpc.ClientUnaryCall;
  
  /**
   * Import leads from CSV text (header row required; `phone` column, optional `name`,
   * `timezone`, `consent`, and any extra columns kept as attributes). Good rows import; bad
   * rows are reported with their row number and reason.
   */
  ImportLeads(argument: _voicebot_v1_ImportLeadsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ImportLeadsResponse__Output>): grpc.ClientUnaryCall;
  ImportLeads(argument: _voicebot_v1_ImportLeadsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_ImportLeadsResponse__Output>): grpc.ClientUnaryCall;
  ImportLeads(argument: _voicebot_v1_ImportLeadsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ImportLeadsResponse__Output>): grpc.ClientUnaryCall;
  ImportLeads(argument: _voicebot_v1_ImportLeadsRequest, callback: grpc.requestCallback<_voicebot_v1_ImportLeadsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Import leads from CSV text (header row required; `phone` column, optional `name`,
   * `timezone`, `consent`, and any extra columns kept as attributes). Good rows import; bad
   * rows are reported with their row number and reason.
   */
  importLeads(argument: _voicebot_v1_ImportLeadsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ImportLeadsResponse__Output>): grpc.ClientUnaryCall;
  importLeads(argument: _voicebot_v1_ImportLeadsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_ImportLeadsResponse__Output>): grpc.ClientUnaryCall;
  importLeads(argument: _voicebot_v1_ImportLeadsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ImportLeadsResponse__Output>): grpc.ClientUnaryCall;
  importLeads(argument: _voicebot_v1_ImportLeadsRequest, callback: grpc.requestCallback<_voicebot_v1_ImportLeadsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Stop claiming new leads; calls in flight finish.
   */
  PauseCampaign(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  PauseCampaign(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  PauseCampaign(argument: _voicebot_v1_CampaignRef, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  PauseCampaign(argument: _voicebot_v1_CampaignRef, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  /**
   * Stop claiming new leads; calls in flight finish.
   */
  pauseCampaign(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  pauseCampaign(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  pauseCampaign(argument: _voicebot_v1_CampaignRef, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  pauseCampaign(argument: _voicebot_v1_CampaignRef, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  
  /**
   * The dialogue service reports how an answered call ended (grade, consent, opt-out).
   */
  ReportCallOutcome(argument: _voicebot_v1_CallOutcomeReport, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  ReportCallOutcome(argument: _voicebot_v1_CallOutcomeReport, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  ReportCallOutcome(argument: _voicebot_v1_CallOutcomeReport, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  ReportCallOutcome(argument: _voicebot_v1_CallOutcomeReport, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  /**
   * The dialogue service reports how an answered call ended (grade, consent, opt-out).
   */
  reportCallOutcome(argument: _voicebot_v1_CallOutcomeReport, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  reportCallOutcome(argument: _voicebot_v1_CallOutcomeReport, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  reportCallOutcome(argument: _voicebot_v1_CallOutcomeReport, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  reportCallOutcome(argument: _voicebot_v1_CallOutcomeReport, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  
  /**
   * A media instance reports its free robot capacity (every few seconds and on change).
   */
  ReportCapacity(argument: _voicebot_v1_CapacityReport, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  ReportCapacity(argument: _voicebot_v1_CapacityReport, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  ReportCapacity(argument: _voicebot_v1_CapacityReport, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  ReportCapacity(argument: _voicebot_v1_CapacityReport, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  /**
   * A media instance reports its free robot capacity (every few seconds and on change).
   */
  reportCapacity(argument: _voicebot_v1_CapacityReport, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  reportCapacity(argument: _voicebot_v1_CapacityReport, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  reportCapacity(argument: _voicebot_v1_CapacityReport, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  reportCapacity(argument: _voicebot_v1_CapacityReport, callback: grpc.requestCallback<_voicebot_v1_ReportAck__Output>): grpc.ClientUnaryCall;
  
  /**
   * Start or resume dialing. FAILED_PRECONDITION when stopped or without leads.
   */
  StartCampaign(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  StartCampaign(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  StartCampaign(argument: _voicebot_v1_CampaignRef, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  StartCampaign(argument: _voicebot_v1_CampaignRef, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  /**
   * Start or resume dialing. FAILED_PRECONDITION when stopped or without leads.
   */
  startCampaign(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  startCampaign(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  startCampaign(argument: _voicebot_v1_CampaignRef, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  startCampaign(argument: _voicebot_v1_CampaignRef, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  
  /**
   * Stop for good.
   */
  StopCampaign(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  StopCampaign(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  StopCampaign(argument: _voicebot_v1_CampaignRef, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  StopCampaign(argument: _voicebot_v1_CampaignRef, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  /**
   * Stop for good.
   */
  stopCampaign(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  stopCampaign(argument: _voicebot_v1_CampaignRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  stopCampaign(argument: _voicebot_v1_CampaignRef, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  stopCampaign(argument: _voicebot_v1_CampaignRef, callback: grpc.requestCallback<_voicebot_v1_Campaign__Output>): grpc.ClientUnaryCall;
  
}

export interface DialerServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Add a number to the do-not-call list (append-only, with evidence).
   */
  AddDoNotCall: grpc.handleUnaryCall<_voicebot_v1_AddDoNotCallRequest__Output, _voicebot_v1_AddDoNotCallResponse>;
  
  /**
   * Is a number on the do-not-call list?
   */
  CheckDoNotCall: grpc.handleUnaryCall<_voicebot_v1_CheckDoNotCallRequest__Output, _voicebot_v1_CheckDoNotCallResponse>;
  
  /**
   * Create a campaign (state PAUSED until StartCampaign). INVALID_ARGUMENT names the bad field.
   */
  CreateCampaign: grpc.handleUnaryCall<_voicebot_v1_CreateCampaignRequest__Output, _voicebot_v1_Campaign>;
  
  /**
   * Live statistics: counts by state and outcome, answer rate, dial level, abandon ratio.
   */
  GetCampaignStats: grpc.handleUnaryCall<_voicebot_v1_CampaignRef__Output, _voicebot_v1_CampaignStats>;
  
  /**
   * Import leads from CSV text (header row required; `phone` column, optional `name`,
   * `timezone`, `consent`, and any extra columns kept as attributes). Good rows import; bad
   * rows are reported with their row number and reason.
   */
  ImportLeads: grpc.handleUnaryCall<_voicebot_v1_ImportLeadsRequest__Output, _voicebot_v1_ImportLeadsResponse>;
  
  /**
   * Stop claiming new leads; calls in flight finish.
   */
  PauseCampaign: grpc.handleUnaryCall<_voicebot_v1_CampaignRef__Output, _voicebot_v1_Campaign>;
  
  /**
   * The dialogue service reports how an answered call ended (grade, consent, opt-out).
   */
  ReportCallOutcome: grpc.handleUnaryCall<_voicebot_v1_CallOutcomeReport__Output, _voicebot_v1_ReportAck>;
  
  /**
   * A media instance reports its free robot capacity (every few seconds and on change).
   */
  ReportCapacity: grpc.handleUnaryCall<_voicebot_v1_CapacityReport__Output, _voicebot_v1_ReportAck>;
  
  /**
   * Start or resume dialing. FAILED_PRECONDITION when stopped or without leads.
   */
  StartCampaign: grpc.handleUnaryCall<_voicebot_v1_CampaignRef__Output, _voicebot_v1_Campaign>;
  
  /**
   * Stop for good.
   */
  StopCampaign: grpc.handleUnaryCall<_voicebot_v1_CampaignRef__Output, _voicebot_v1_Campaign>;
  
}

export interface DialerServiceDefinition extends grpc.ServiceDefinition {
  AddDoNotCall: MethodDefinition<_voicebot_v1_AddDoNotCallRequest, _voicebot_v1_AddDoNotCallResponse, _voicebot_v1_AddDoNotCallRequest__Output, _voicebot_v1_AddDoNotCallResponse__Output>
  CheckDoNotCall: MethodDefinition<_voicebot_v1_CheckDoNotCallRequest, _voicebot_v1_CheckDoNotCallResponse, _voicebot_v1_CheckDoNotCallRequest__Output, _voicebot_v1_CheckDoNotCallResponse__Output>
  CreateCampaign: MethodDefinition<_voicebot_v1_CreateCampaignRequest, _voicebot_v1_Campaign, _voicebot_v1_CreateCampaignRequest__Output, _voicebot_v1_Campaign__Output>
  GetCampaignStats: MethodDefinition<_voicebot_v1_CampaignRef, _voicebot_v1_CampaignStats, _voicebot_v1_CampaignRef__Output, _voicebot_v1_CampaignStats__Output>
  ImportLeads: MethodDefinition<_voicebot_v1_ImportLeadsRequest, _voicebot_v1_ImportLeadsResponse, _voicebot_v1_ImportLeadsRequest__Output, _voicebot_v1_ImportLeadsResponse__Output>
  PauseCampaign: MethodDefinition<_voicebot_v1_CampaignRef, _voicebot_v1_Campaign, _voicebot_v1_CampaignRef__Output, _voicebot_v1_Campaign__Output>
  ReportCallOutcome: MethodDefinition<_voicebot_v1_CallOutcomeReport, _voicebot_v1_ReportAck, _voicebot_v1_CallOutcomeReport__Output, _voicebot_v1_ReportAck__Output>
  ReportCapacity: MethodDefinition<_voicebot_v1_CapacityReport, _voicebot_v1_ReportAck, _voicebot_v1_CapacityReport__Output, _voicebot_v1_ReportAck__Output>
  StartCampaign: MethodDefinition<_voicebot_v1_CampaignRef, _voicebot_v1_Campaign, _voicebot_v1_CampaignRef__Output, _voicebot_v1_Campaign__Output>
  StopCampaign: MethodDefinition<_voicebot_v1_CampaignRef, _voicebot_v1_Campaign, _voicebot_v1_CampaignRef__Output, _voicebot_v1_Campaign__Output>
}
