import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CallRecord as _voicebot_v1_CallRecord, CallRecord__Output as _voicebot_v1_CallRecord__Output } from './voicebot/v1/CallRecord.ts';
import type { Consent as _voicebot_v1_Consent, Consent__Output as _voicebot_v1_Consent__Output } from './voicebot/v1/Consent.ts';
import type { DialogueServiceClient as _voicebot_v1_DialogueServiceClient, DialogueServiceDefinition as _voicebot_v1_DialogueServiceDefinition } from './voicebot/v1/DialogueService.ts';
import type { FunnelNode as _voicebot_v1_FunnelNode, FunnelNode__Output as _voicebot_v1_FunnelNode__Output } from './voicebot/v1/FunnelNode.ts';
import type { GetCallRecordRequest as _voicebot_v1_GetCallRecordRequest, GetCallRecordRequest__Output as _voicebot_v1_GetCallRecordRequest__Output } from './voicebot/v1/GetCallRecordRequest.ts';
import type { GetFunnelRequest as _voicebot_v1_GetFunnelRequest, GetFunnelRequest__Output as _voicebot_v1_GetFunnelRequest__Output } from './voicebot/v1/GetFunnelRequest.ts';
import type { GetFunnelResponse as _voicebot_v1_GetFunnelResponse, GetFunnelResponse__Output as _voicebot_v1_GetFunnelResponse__Output } from './voicebot/v1/GetFunnelResponse.ts';
import type { GetScriptRequest as _voicebot_v1_GetScriptRequest, GetScriptRequest__Output as _voicebot_v1_GetScriptRequest__Output } from './voicebot/v1/GetScriptRequest.ts';
import type { GetScriptResponse as _voicebot_v1_GetScriptResponse, GetScriptResponse__Output as _voicebot_v1_GetScriptResponse__Output } from './voicebot/v1/GetScriptResponse.ts';
import type { GradeCount as _voicebot_v1_GradeCount, GradeCount__Output as _voicebot_v1_GradeCount__Output } from './voicebot/v1/GradeCount.ts';
import type { ListCallRecordsRequest as _voicebot_v1_ListCallRecordsRequest, ListCallRecordsRequest__Output as _voicebot_v1_ListCallRecordsRequest__Output } from './voicebot/v1/ListCallRecordsRequest.ts';
import type { ListCallRecordsResponse as _voicebot_v1_ListCallRecordsResponse, ListCallRecordsResponse__Output as _voicebot_v1_ListCallRecordsResponse__Output } from './voicebot/v1/ListCallRecordsResponse.ts';
import type { ListScriptsRequest as _voicebot_v1_ListScriptsRequest, ListScriptsRequest__Output as _voicebot_v1_ListScriptsRequest__Output } from './voicebot/v1/ListScriptsRequest.ts';
import type { ListScriptsResponse as _voicebot_v1_ListScriptsResponse, ListScriptsResponse__Output as _voicebot_v1_ListScriptsResponse__Output } from './voicebot/v1/ListScriptsResponse.ts';
import type { ScriptProblem as _voicebot_v1_ScriptProblem, ScriptProblem__Output as _voicebot_v1_ScriptProblem__Output } from './voicebot/v1/ScriptProblem.ts';
import type { ScriptSummary as _voicebot_v1_ScriptSummary, ScriptSummary__Output as _voicebot_v1_ScriptSummary__Output } from './voicebot/v1/ScriptSummary.ts';
import type { SimulateRequest as _voicebot_v1_SimulateRequest, SimulateRequest__Output as _voicebot_v1_SimulateRequest__Output } from './voicebot/v1/SimulateRequest.ts';
import type { SimulateResponse as _voicebot_v1_SimulateResponse, SimulateResponse__Output as _voicebot_v1_SimulateResponse__Output } from './voicebot/v1/SimulateResponse.ts';
import type { SimulatedStep as _voicebot_v1_SimulatedStep, SimulatedStep__Output as _voicebot_v1_SimulatedStep__Output } from './voicebot/v1/SimulatedStep.ts';
import type { Turn as _voicebot_v1_Turn, Turn__Output as _voicebot_v1_Turn__Output } from './voicebot/v1/Turn.ts';
import type { UploadScriptRequest as _voicebot_v1_UploadScriptRequest, UploadScriptRequest__Output as _voicebot_v1_UploadScriptRequest__Output } from './voicebot/v1/UploadScriptRequest.ts';
import type { UploadScriptResponse as _voicebot_v1_UploadScriptResponse, UploadScriptResponse__Output as _voicebot_v1_UploadScriptResponse__Output } from './voicebot/v1/UploadScriptResponse.ts';
import type { ValidateScriptRequest as _voicebot_v1_ValidateScriptRequest, ValidateScriptRequest__Output as _voicebot_v1_ValidateScriptRequest__Output } from './voicebot/v1/ValidateScriptRequest.ts';
import type { ValidateScriptResponse as _voicebot_v1_ValidateScriptResponse, ValidateScriptResponse__Output as _voicebot_v1_ValidateScriptResponse__Output } from './voicebot/v1/ValidateScriptResponse.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  voicebot: {
    v1: {
      BargeInPolicy: EnumTypeDefinition
      CallOutcome: EnumTypeDefinition
      CallRecord: MessageTypeDefinition<_voicebot_v1_CallRecord, _voicebot_v1_CallRecord__Output>
      Consent: MessageTypeDefinition<_voicebot_v1_Consent, _voicebot_v1_Consent__Output>
      DialogueService: SubtypeConstructor<typeof grpc.Client, _voicebot_v1_DialogueServiceClient> & { service: _voicebot_v1_DialogueServiceDefinition }
      FunnelNode: MessageTypeDefinition<_voicebot_v1_FunnelNode, _voicebot_v1_FunnelNode__Output>
      GetCallRecordRequest: MessageTypeDefinition<_voicebot_v1_GetCallRecordRequest, _voicebot_v1_GetCallRecordRequest__Output>
      GetFunnelRequest: MessageTypeDefinition<_voicebot_v1_GetFunnelRequest, _voicebot_v1_GetFunnelRequest__Output>
      GetFunnelResponse: MessageTypeDefinition<_voicebot_v1_GetFunnelResponse, _voicebot_v1_GetFunnelResponse__Output>
      GetScriptRequest: MessageTypeDefinition<_voicebot_v1_GetScriptRequest, _voicebot_v1_GetScriptRequest__Output>
      GetScriptResponse: MessageTypeDefinition<_voicebot_v1_GetScriptResponse, _voicebot_v1_GetScriptResponse__Output>
      Grade: EnumTypeDefinition
      GradeCount: MessageTypeDefinition<_voicebot_v1_GradeCount, _voicebot_v1_GradeCount__Output>
      HangupParty: EnumTypeDefinition
      ListCallRecordsRequest: MessageTypeDefinition<_voicebot_v1_ListCallRecordsRequest, _voicebot_v1_ListCallRecordsRequest__Output>
      ListCallRecordsResponse: MessageTypeDefinition<_voicebot_v1_ListCallRecordsResponse, _voicebot_v1_ListCallRecordsResponse__Output>
      ListScriptsRequest: MessageTypeDefinition<_voicebot_v1_ListScriptsRequest, _voicebot_v1_ListScriptsRequest__Output>
      ListScriptsResponse: MessageTypeDefinition<_voicebot_v1_ListScriptsResponse, _voicebot_v1_ListScriptsResponse__Output>
      ScriptProblem: MessageTypeDefinition<_voicebot_v1_ScriptProblem, _voicebot_v1_ScriptProblem__Output>
      ScriptSummary: MessageTypeDefinition<_voicebot_v1_ScriptSummary, _voicebot_v1_ScriptSummary__Output>
      SimulateRequest: MessageTypeDefinition<_voicebot_v1_SimulateRequest, _voicebot_v1_SimulateRequest__Output>
      SimulateResponse: MessageTypeDefinition<_voicebot_v1_SimulateResponse, _voicebot_v1_SimulateResponse__Output>
      SimulatedStep: MessageTypeDefinition<_voicebot_v1_SimulatedStep, _voicebot_v1_SimulatedStep__Output>
      Turn: MessageTypeDefinition<_voicebot_v1_Turn, _voicebot_v1_Turn__Output>
      UploadScriptRequest: MessageTypeDefinition<_voicebot_v1_UploadScriptRequest, _voicebot_v1_UploadScriptRequest__Output>
      UploadScriptResponse: MessageTypeDefinition<_voicebot_v1_UploadScriptResponse, _voicebot_v1_UploadScriptResponse__Output>
      ValidateScriptRequest: MessageTypeDefinition<_voicebot_v1_ValidateScriptRequest, _voicebot_v1_ValidateScriptRequest__Output>
      ValidateScriptResponse: MessageTypeDefinition<_voicebot_v1_ValidateScriptResponse, _voicebot_v1_ValidateScriptResponse__Output>
    }
  }
}

