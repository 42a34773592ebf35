import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CallEnded as _voicebot_v1_CallEnded, CallEnded__Output as _voicebot_v1_CallEnded__Output } from './voicebot/v1/CallEnded.ts';
import type { CallSessionServiceClient as _voicebot_v1_CallSessionServiceClient, CallSessionServiceDefinition as _voicebot_v1_CallSessionServiceDefinition } from './voicebot/v1/CallSessionService.ts';
import type { CallStarted as _voicebot_v1_CallStarted, CallStarted__Output as _voicebot_v1_CallStarted__Output } from './voicebot/v1/CallStarted.ts';
import type { DialogueCommand as _voicebot_v1_DialogueCommand, DialogueCommand__Output as _voicebot_v1_DialogueCommand__Output } from './voicebot/v1/DialogueCommand.ts';
import type { Dtmf as _voicebot_v1_Dtmf, Dtmf__Output as _voicebot_v1_Dtmf__Output } from './voicebot/v1/Dtmf.ts';
import type { HangUp as _voicebot_v1_HangUp, HangUp__Output as _voicebot_v1_HangUp__Output } from './voicebot/v1/HangUp.ts';
import type { MediaEvent as _voicebot_v1_MediaEvent, MediaEvent__Output as _voicebot_v1_MediaEvent__Output } from './voicebot/v1/MediaEvent.ts';
import type { PlayPrompt as _voicebot_v1_PlayPrompt, PlayPrompt__Output as _voicebot_v1_PlayPrompt__Output } from './voicebot/v1/PlayPrompt.ts';
import type { PlaybackInterrupted as _voicebot_v1_PlaybackInterrupted, PlaybackInterrupted__Output as _voicebot_v1_PlaybackInterrupted__Output } from './voicebot/v1/PlaybackInterrupted.ts';
import type { PlaybackMark as _voicebot_v1_PlaybackMark, PlaybackMark__Output as _voicebot_v1_PlaybackMark__Output } from './voicebot/v1/PlaybackMark.ts';
import type { SilenceTimeout as _voicebot_v1_SilenceTimeout, SilenceTimeout__Output as _voicebot_v1_SilenceTimeout__Output } from './voicebot/v1/SilenceTimeout.ts';
import type { SpeechStarted as _voicebot_v1_SpeechStarted, SpeechStarted__Output as _voicebot_v1_SpeechStarted__Output } from './voicebot/v1/SpeechStarted.ts';
import type { SpeechStopped as _voicebot_v1_SpeechStopped, SpeechStopped__Output as _voicebot_v1_SpeechStopped__Output } from './voicebot/v1/SpeechStopped.ts';
import type { StopPlayback as _voicebot_v1_StopPlayback, StopPlayback__Output as _voicebot_v1_StopPlayback__Output } from './voicebot/v1/StopPlayback.ts';
import type { Transcript as _voicebot_v1_Transcript, Transcript__Output as _voicebot_v1_Transcript__Output } from './voicebot/v1/Transcript.ts';
import type { Transfer as _voicebot_v1_Transfer, Transfer__Output as _voicebot_v1_Transfer__Output } from './voicebot/v1/Transfer.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  voicebot: {
    v1: {
      BargeInPolicy: EnumTypeDefinition
      CallEnded: MessageTypeDefinition<_voicebot_v1_CallEnded, _voicebot_v1_CallEnded__Output>
      CallOutcome: EnumTypeDefinition
      CallSessionService: SubtypeConstructor<typeof grpc.Client, _voicebot_v1_CallSessionServiceClient> & { service: _voicebot_v1_CallSessionServiceDefinition }
      CallStarted: MessageTypeDefinition<_voicebot_v1_CallStarted, _voicebot_v1_CallStarted__Output>
      DialogueCommand: MessageTypeDefinition<_voicebot_v1_DialogueCommand, _voicebot_v1_DialogueCommand__Output>
      Dtmf: MessageTypeDefinition<_voicebot_v1_Dtmf, _voicebot_v1_Dtmf__Output>
      Grade: EnumTypeDefinition
      HangUp: MessageTypeDefinition<_voicebot_v1_HangUp, _voicebot_v1_HangUp__Output>
      HangupParty: EnumTypeDefinition
      MediaEvent: MessageTypeDefinition<_voicebot_v1_MediaEvent, _voicebot_v1_MediaEvent__Output>
      PlayPrompt: MessageTypeDefinition<_voicebot_v1_PlayPrompt, _voicebot_v1_PlayPrompt__Output>
      PlaybackInterrupted: MessageTypeDefinition<_voicebot_v1_PlaybackInterrupted, _voicebot_v1_PlaybackInterrupted__Output>
      PlaybackMark: MessageTypeDefinition<_voicebot_v1_PlaybackMark, _voicebot_v1_PlaybackMark__Output>
      SilenceTimeout: MessageTypeDefinition<_voicebot_v1_SilenceTimeout, _voicebot_v1_SilenceTimeout__Output>
      SpeechStarted: MessageTypeDefinition<_voicebot_v1_SpeechStarted, _voicebot_v1_SpeechStarted__Output>
      SpeechStopped: MessageTypeDefinition<_voicebot_v1_SpeechStopped, _voicebot_v1_SpeechStopped__Output>
      StopPlayback: MessageTypeDefinition<_voicebot_v1_StopPlayback, _voicebot_v1_StopPlayback__Output>
      Transcript: MessageTypeDefinition<_voicebot_v1_Transcript, _voicebot_v1_Transcript__Output>
      Transfer: MessageTypeDefinition<_voicebot_v1_Transfer, _voicebot_v1_Transfer__Output>
    }
  }
}

