// Original file: /work/main/proto/voicebot/v1/dialogue.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CallRecord as _voicebot_v1_CallRecord, CallRecord__Output as _voicebot_v1_CallRecord__Output } from '../../voicebot/v1/CallRecord.ts';
import type { GetCallRecordRequest as _voicebot_v1_GetCallRecordRequest, GetCallRecordRequest__Output as _voicebot_v1_GetCallRecordRequest__Output } from '../../voicebot/v1/GetCallRecordRequest.ts';
import type { GetFunnelRequest as _voicebot_v1_GetFunnelRequest, GetFunnelRequest__Output as _voicebot_v1_GetFunnelRequest__Output } from '../../voicebot/v1/GetFunnelRequest.ts';
import type { GetFunnelResponse as _voicebot_v1_GetFunnelResponse, GetFunnelResponse__Output as _voicebot_v1_GetFunnelResponse__Output } from '../../voicebot/v1/GetFunnelResponse.ts';
import type { GetScriptRequest as _voicebot_v1_GetScriptRequest, GetScriptRequest__Output as _voicebot_v1_GetScriptRequest__Output } from '../../voicebot/v1/GetScriptRequest.ts';
import type { GetScriptResponse as _voicebot_v1_GetScriptResponse, GetScriptResponse__Output as _voicebot_v1_GetScriptResponse__Output } from '../../voicebot/v1/GetScriptResponse.ts';
import type { ListCallRecordsRequest as _voicebot_v1_ListCallRecordsRequest, ListCallRecordsRequest__Output as _voicebot_v1_ListCallRecordsRequest__Output } from '../../voicebot/v1/ListCallRecordsRequest.ts';
import type { ListCallRecordsResponse as _voicebot_v1_ListCallRecordsResponse, ListCallRecordsResponse__Output as _voicebot_v1_ListCallRecordsResponse__Output } from '../../voicebot/v1/ListCallRecordsResponse.ts';
import type { ListScriptsRequest as _voicebot_v1_ListScriptsRequest, ListScriptsRequest__Output as _voicebot_v1_ListScriptsRequest__Output } from '../../voicebot/v1/ListScriptsRequest.ts';
import type { ListScriptsResponse as _voicebot_v1_ListScriptsResponse, ListScriptsResponse__Output as _voicebot_v1_ListScriptsResponse__Output } from '../../voicebot/v1/ListScriptsResponse.ts';
import type { SimulateRequest as _voicebot_v1_SimulateRequest, SimulateRequest__Output as _voicebot_v1_SimulateRequest__Output } from '../../voicebot/v1/SimulateRequest.ts';
import type { SimulateResponse as _voicebot_v1_SimulateResponse, SimulateResponse__Output as _voicebot_v1_SimulateResponse__Output } from '../../voicebot/v1/SimulateResponse.ts';
import type { UploadScriptRequest as _voicebot_v1_UploadScriptRequest, UploadScriptRequest__Output as _voicebot_v1_UploadScriptRequest__Output } from '../../voicebot/v1/UploadScriptRequest.ts';
import type { UploadScriptResponse as _voicebot_v1_UploadScriptResponse, UploadScriptResponse__Output as _voicebot_v1_UploadScriptResponse__Output } from '../../voicebot/v1/UploadScriptResponse.ts';
import type { ValidateScriptRequest as _voicebot_v1_ValidateScriptRequest, ValidateScriptRequest__Output as _voicebot_v1_ValidateScriptRequest__Output } from '../../voicebot/v1/ValidateScriptRequest.ts';
import type { ValidateScriptResponse as _voicebot_v1_ValidateScriptResponse, ValidateScriptResponse__Output as _voicebot_v1_ValidateScriptResponse__Output } from '../../voicebot/v1/ValidateScriptResponse.ts';

export interface DialogueServiceClient extends grpc.Client {
  /**
   * Fetch one call record. NOT_FOUND for an unknown call id.
   */
  GetCallRecord(argument: _voicebot_v1_GetCallRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_CallRecord__Output>): grpc.ClientUnaryCall;
  GetCallRecord(argument: _voicebot_v1_GetCallRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_CallRecord__Output>): grpc.ClientUnaryCall;
  GetCallRecord(argument: _voicebot_v1_GetCallRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_CallRecord__Output>): grpc.ClientUnaryCall;
  GetCallRecord(argument: _voicebot_v1_GetCallRecordRequest, callback: grpc.requestCallback<_voicebot_v1_CallRecord__Output>): grpc.ClientUnaryCall;
  /**
   * Fetch one call record. NOT_FOUND for an unknown call id.
   */
  getCallRecord(argument: _voicebot_v1_GetCallRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_CallRecord__Output>): grpc.ClientUnaryCall;
  getCallRecord(argument: _voicebot_v1_GetCallRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_CallRecord__Output>): grpc.ClientUnaryCall;
  getCallRecord(argument: _voicebot_v1_GetCallRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_CallRecord__Output>): grpc.ClientUnaryCall;
  getCallRecord(argument: _voicebot_v1_GetCallRecordRequest, callback: grpc.requestCallback<_voicebot_v1_CallRecord__Output>): grpc.ClientUnaryCall;
  
  /**
   * Per-node funnel (reached, barge-ins, refusals, hang-ups, silence, conversion) for a campaign.
   */
  GetFunnel(argument: _voicebot_v1_GetFunnelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_GetFunnelResponse__Output>): grpc.ClientUnaryCall;
  GetFunnel(argument: _voicebot_v1_GetFunnelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_GetFunnelResponse__Output>): grpc.ClientUnaryCall;
  GetFunnel(argument: _voicebot_v1_GetFunnelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_GetFunnelResponse__Output>): grpc.ClientUnaryCall;
  GetFunnel(argument: _voicebot_v1_GetFunnelRequest, callback: grpc.requestCallback<_voicebot_v1_GetFunnelResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Per-node funnel (reached, barge-ins, refusals, hang-ups, silence, conversion) for a campaign.
   */
  getFunnel(argument: _voicebot_v1_GetFunnelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_GetFunnelResponse__Output>): grpc.ClientUnaryCall;
  getFunnel(argument: _voicebot_v1_GetFunnelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_GetFunnelResponse__Output>): grpc.ClientUnaryCall;
  getFunnel(argument: _voicebot_v1_GetFunnelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_GetFunnelResponse__Output>): grpc.ClientUnaryCall;
  getFunnel(argument: _voicebot_v1_GetFunnelRequest, callback: grpc.requestCallback<_voicebot_v1_GetFunnelResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Fetch one script version (latest when version is 0). NOT_FOUND if absent.
   */
  GetScript(argument: _voicebot_v1_GetScriptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_GetScriptResponse__Output>): grpc.ClientUnaryCall;
  GetScript(argument: _voicebot_v1_GetScriptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_GetScriptResponse__Output>): grpc.ClientUnaryCall;
  GetScript(argument: _voicebot_v1_GetScriptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_GetScriptResponse__Output>): grpc.ClientUnaryCall;
  GetScript(argument: _voicebot_v1_GetScriptRequest, callback: grpc.requestCallback<_voicebot_v1_GetScriptResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Fetch one script version (latest when version is 0). NOT_FOUND if absent.
   */
  getScript(argument: _voicebot_v1_GetScriptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_GetScriptResponse__Output>): grpc.ClientUnaryCall;
  getScript(argument: _voicebot_v1_GetScriptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_GetScriptResponse__Output>): grpc.ClientUnaryCall;
  getScript(argument: _voicebot_v1_GetScriptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_GetScriptResponse__Output>): grpc.ClientUnaryCall;
  getScript(argument: _voicebot_v1_GetScriptRequest, callback: grpc.requestCallback<_voicebot_v1_GetScriptResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * List call records by campaign, grade and time range, newest first.
   */
  ListCallRecords(argument: _voicebot_v1_ListCallRecordsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ListCallRecordsResponse__Output>): grpc.ClientUnaryCall;
  ListCallRecords(argument: _voicebot_v1_ListCallRecordsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_ListCallRecordsResponse__Output>): grpc.ClientUnaryCall;
  ListCallRecords(argument: _voicebot_v1_ListCallRecordsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ListCallRecordsResponse__Output>): grpc.ClientUnaryCall;
  ListCallRecords(argument: _voicebot_v1_ListCallRecordsRequest, callback: grpc.requestCallback<_voicebot_v1_ListCallRecordsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * List call records by campaign, grade and time range, newest first.
   */
  listCallRecords(argument: _voicebot_v1_ListCallRecordsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ListCallRecordsResponse__Output>): grpc.ClientUnaryCall;
  listCallRecords(argument: _voicebot_v1_ListCallRecordsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_ListCallRecordsResponse__Output>): grpc.ClientUnaryCall;
  listCallRecords(argument: _voicebot_v1_ListCallRecordsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ListCallRecordsResponse__Output>): grpc.ClientUnaryCall;
  listCallRecords(argument: _voicebot_v1_ListCallRecordsRequest, callback: grpc.requestCallback<_voicebot_v1_ListCallRecordsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * List stored scripts with their latest version.
   */
  ListScripts(argument: _voicebot_v1_ListScriptsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ListScriptsResponse__Output>): grpc.ClientUnaryCall;
  ListScripts(argument: _voicebot_v1_ListScriptsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_ListScriptsResponse__Output>): grpc.ClientUnaryCall;
  ListScripts(argument: _voicebot_v1_ListScriptsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ListScriptsResponse__Output>): grpc.ClientUnaryCall;
  ListScripts(argument: _voicebot_v1_ListScriptsRequest, callback: grpc.requestCallback<_voicebot_v1_ListScriptsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * List stored scripts with their latest version.
   */
  listScripts(argument: _voicebot_v1_ListScriptsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ListScriptsResponse__Output>): grpc.ClientUnaryCall;
  listScripts(argument: _voicebot_v1_ListScriptsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_ListScriptsResponse__Output>): grpc.ClientUnaryCall;
  listScripts(argument: _voicebot_v1_ListScriptsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ListScriptsResponse__Output>): grpc.ClientUnaryCall;
  listScripts(argument: _voicebot_v1_ListScriptsRequest, callback: grpc.requestCallback<_voicebot_v1_ListScriptsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Run callee utterances (text) through a script without media: the training console.
   */
  Simulate(argument: _voicebot_v1_SimulateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_SimulateResponse__Output>): grpc.ClientUnaryCall;
  Simulate(argument: _voicebot_v1_SimulateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_SimulateResponse__Output>): grpc.ClientUnaryCall;
  Simulate(argument: _voicebot_v1_SimulateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_SimulateResponse__Output>): grpc.ClientUnaryCall;
  Simulate(argument: _voicebot_v1_SimulateRequest, callback: grpc.requestCallback<_voicebot_v1_SimulateResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Run callee utterances (text) through a script without media: the training console.
   */
  simulate(argument: _voicebot_v1_SimulateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_SimulateResponse__Output>): grpc.ClientUnaryCall;
  simulate(argument: _voicebot_v1_SimulateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_SimulateResponse__Output>): grpc.ClientUnaryCall;
  simulate(argument: _voicebot_v1_SimulateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_SimulateResponse__Output>): grpc.ClientUnaryCall;
  simulate(argument: _voicebot_v1_SimulateRequest, callback: grpc.requestCallback<_voicebot_v1_SimulateResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Validate and store a new version of a script. A script with problems is rejected with
   * INVALID_ARGUMENT and every problem in `problems`; the previous version stays active.
   */
  UploadScript(argument: _voicebot_v1_UploadScriptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_UploadScriptResponse__Output>): grpc.ClientUnaryCall;
  UploadScript(argument: _voicebot_v1_UploadScriptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_UploadScriptResponse__Output>): grpc.ClientUnaryCall;
  UploadScript(argument: _voicebot_v1_UploadScriptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_UploadScriptResponse__Output>): grpc.ClientUnaryCall;
  UploadScript(argument: _voicebot_v1_UploadScriptRequest, callback: grpc.requestCallback<_voicebot_v1_UploadScriptResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Validate and store a new version of a script. A script with problems is rejected with
   * INVALID_ARGUMENT and every problem in `problems`; the previous version stays active.
   */
  uploadScript(argument: _voicebot_v1_UploadScriptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_UploadScriptResponse__Output>): grpc.ClientUnaryCall;
  uploadScript(argument: _voicebot_v1_UploadScriptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_UploadScriptResponse__Output>): grpc.ClientUnaryCall;
  uploadScript(argument: _voicebot_v1_UploadScriptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_UploadScriptResponse__Output>): grpc.ClientUnaryCall;
  uploadScript(argument: _voicebot_v1_UploadScriptRequest, callback: grpc.requestCallback<_voicebot_v1_UploadScriptResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Check a script without storing it.
   */
  ValidateScript(argument: _voicebot_v1_ValidateScriptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ValidateScriptResponse__Output>): grpc.ClientUnaryCall;
  ValidateScript(argument: _voicebot_v1_ValidateScriptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_ValidateScriptResponse__Output>): grpc.ClientUnaryCall;
  ValidateScript(argument: _voicebot_v1_ValidateScriptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ValidateScriptResponse__Output>): grpc.ClientUnaryCall;
  ValidateScript(argument: _voicebot_v1_ValidateScriptRequest, callback: grpc.requestCallback<_voicebot_v1_ValidateScriptResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Check a script without storing it.
   */
  validateScript(argument: _voicebot_v1_ValidateScriptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ValidateScriptResponse__Output>): grpc.ClientUnaryCall;
  validateScript(argument: _voicebot_v1_ValidateScriptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_voicebot_v1_ValidateScriptResponse__Output>): grpc.ClientUnaryCall;
  validateScript(argument: _voicebot_v1_ValidateScriptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_voicebot_v1_ValidateScriptResponse__Output>): grpc.ClientUnaryCall;
  validateScript(argument: _voicebot_v1_ValidateScriptRequest, callback: grpc.requestCallback<_voicebot_v1_ValidateScriptResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface DialogueServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Fetch one call record. NOT_FOUND for an unknown call id.
   */
  GetCallRecord: grpc.handleUnaryCall<_voicebot_v1_GetCallRecordRequest__Output, _voicebot_v1_CallRecord>;
  
  /**
   * Per-node funnel (reached, barge-ins, refusals, hang-ups, silence, conversion) for a campaign.
   */
  GetFunnel: grpc.handleUnaryCall<_voicebot_v1_GetFunnelRequest__Output, _voicebot_v1_GetFunnelResponse>;
  
  /**
   * Fetch one script version (latest when version is 0). NOT_FOUND if absent.
   */
  GetScript: grpc.handleUnaryCall<_voicebot_v1_GetScriptRequest__Output, _voicebot_v1_GetScriptResponse>;
  
  /**
   * List call records by campaign, grade and time range, newest first.
   */
  ListCallRecords: grpc.handleUnaryCall<_voicebot_v1_ListCallRecordsRequest__Output, _voicebot_v1_ListCallRecordsResponse>;
  
  /**
   * List stored scripts with their latest version.
   */
  ListScripts: grpc.handleUnaryCall<_voicebot_v1_ListScriptsRequest__Output, _voicebot_v1_ListScriptsResponse>;
  
  /**
   * Run callee utterances (text) through a script without media: the training console.
   */
  Simulate: grpc.handleUnaryCall<_voicebot_v1_SimulateRequest__Output, _voicebot_v1_SimulateResponse>;
  
  /**
   * Validate and store a new version of a script. A script with problems is rejected with
   * INVALID_ARGUMENT and every problem in `problems`; the previous version stays active.
   */
  UploadScript: grpc.handleUnaryCall<_voicebot_v1_UploadScriptRequest__Output, _voicebot_v1_UploadScriptResponse>;
  
  /**
   * Check a script without storing it.
   */
  ValidateScript: grpc.handleUnaryCall<_voicebot_v1_ValidateScriptRequest__Output, _voicebot_v1_ValidateScriptResponse>;
  
}

export interface DialogueServiceDefinition extends grpc.ServiceDefinition {
  GetCallRecord: MethodDefinition<_voicebot_v1_GetCallRecordRequest, _voicebot_v1_CallRecord, _voicebot_v1_GetCallRecordRequest__Output, _voicebot_v1_CallRecord__Output>
  GetFunnel: MethodDefinition<_voicebot_v1_GetFunnelRequest, _voicebot_v1_GetFunnelResponse, _voicebot_v1_GetFunnelRequest__Output, _voicebot_v1_GetFunnelResponse__Output>
  GetScript: MethodDefinition<_voicebot_v1_GetScriptRequest, _voicebot_v1_GetScriptResponse, _voicebot_v1_GetScriptRequest__Output, _voicebot_v1_GetScriptResponse__Output>
  ListCallRecords: MethodDefinition<_voicebot_v1_ListCallRecordsRequest, _voicebot_v1_ListCallRecordsResponse, _voicebot_v1_ListCallRecordsRequest__Output, _voicebot_v1_ListCallRecordsResponse__Output>
  ListScripts: MethodDefinition<_voicebot_v1_ListScriptsRequest, _voicebot_v1_ListScriptsResponse, _voicebot_v1_ListScriptsRequest__Output, _voicebot_v1_ListScriptsResponse__Output>
  Simulate: MethodDefinition<_voicebot_v1_SimulateRequest, _voicebot_v1_SimulateResponse, _voicebot_v1_SimulateRequest__Output, _voicebot_v1_SimulateResponse__Output>
  UploadScript: MethodDefinition<_voicebot_v1_UploadScriptRequest, _voicebot_v1_UploadScriptResponse, _voicebot_v1_UploadScriptRequest__Output, _voicebot_v1_UploadScriptResponse__Output>
  ValidateScript: MethodDefinition<_voicebot_v1_ValidateScriptRequest, _voicebot_v1_ValidateScriptResponse, _voicebot_v1_ValidateScriptRequest__Output, _voicebot_v1_ValidateScriptResponse__Output>
}
