// Original file: /work/main/proto/voicebot/v1/call_session.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DialogueCommand as _voicebot_v1_DialogueCommand, DialogueCommand__Output as _voicebot_v1_DialogueCommand__Output } from '../../voicebot/v1/DialogueCommand.ts';
import type { MediaEvent as _voicebot_v1_MediaEvent, MediaEvent__Output as _voicebot_v1_MediaEvent__Output } from '../../voicebot/v1/MediaEvent.ts';

export interface CallSessionServiceClient extends grpc.Client {
  /**
   * One stream per call. The first event must be `call_started`; the dialogue service answers
   * with commands until it sends `hang_up` or media sends `call_ended`. Events for an unknown or
   * already ended call are answered with a FAILED_PRECONDITION status and logged.
   */
  Converse(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_voicebot_v1_MediaEvent, _voicebot_v1_DialogueCommand__Output>;
  Converse(options?: grpc.CallOptions): grpc.ClientDuplexStream<_voicebot_v1_MediaEvent, _voicebot_v1_DialogueCommand__Output>;
  /**
   * One stream per call. The first event must be `call_started`; the dialogue service answers
   * with commands until it sends `hang_up` or media sends `call_ended`. Events for an unknown or
   * already ended call are answered with a FAILED_PRECONDITION status and logged.
   */
  converse(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_voicebot_v1_MediaEvent, _voicebot_v1_DialogueCommand__Output>;
  converse(options?: grpc.CallOptions): grpc.ClientDuplexStream<_voicebot_v1_MediaEvent, _voicebot_v1_DialogueCommand__Output>;
  
}

export interface CallSessionServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * One stream per call. The first event must be `call_started`; the dialogue service answers
   * with commands until it sends `hang_up` or media sends `call_ended`. Events for an unknown or
   * already ended call are answered with a FAILED_PRECONDITION status and logged.
   */
  Converse: grpc.handleBidiStreamingCall<_voicebot_v1_MediaEvent__Output, _voicebot_v1_DialogueCommand>;
  
}

export interface CallSessionServiceDefinition extends grpc.ServiceDefinition {
  Converse: MethodDefinition<_voicebot_v1_MediaEvent, _voicebot_v1_DialogueCommand, _voicebot_v1_MediaEvent__Output, _voicebot_v1_DialogueCommand__Output>
}
