import { CLIENT_OPTIONS, deadline, grpc, voicebotService } from '@voicebot/common';
import type { DialogueCommand__Output } from '@voicebot/common/generated/voicebot/v1/DialogueCommand';
import type { MediaEvent } from '@voicebot/common/generated/voicebot/v1/MediaEvent';

/**
 * The media side of `CallSessionService.Converse`: one bidirectional stream per call on a shared
 * channel. Writes are bounded — events are small and rare, so a stream that stops draining is a
 * broken dialogue service, not a reason to buffer without limit.
 */
export interface ConverseHandlers {
  command(cmd: DialogueCommand__Output): void;
  /** The stream failed or the server ended it. `error` is undefined for a clean end. */
  closed(error: Error | undefined): void;
}

export interface ConverseStream {
  send(event: MediaEvent): boolean;
  end(): void;
}

export interface DialoguePort {
  open(callId: string, handlers: ConverseHandlers): ConverseStream;
  close(): void;
}

const MAX_UNACKED_WRITES = 256;

export class GrpcDialogue implements DialoguePort {
  private readonly client: grpc.Client;

  constructor(address: string, private readonly maxCallMs: number) {
    const Ctor = voicebotService('CallSessionService');
    this.client = new Ctor(address, grpc.credentials.createInsecure(), CLIENT_OPTIONS);
  }

  open(_callId: string, handlers: ConverseHandlers): ConverseStream {
    const converse = (this.client as unknown as { Converse(opts: grpc.CallOptions): grpc.ClientDuplexStream<MediaEvent, DialogueCommand__Output> }).Converse;
    // The deadline bounds the whole call: no call lasts longer than maxCallMs.
    const call = converse.call(this.client, { deadline: deadline(this.maxCallMs) });
    let closed = false;
    let inFlight = 0;
    const finish = (err: Error | undefined): void => {
      if (closed) return;
      closed = true;
      handlers.closed(err);
    };
    call.on('data', (cmd: DialogueCommand__Output) => handlers.command(cmd));
    call.on('error', (err: grpc.ServiceError) => finish(err.code === grpc.status.CANCELLED ? undefined : err));
    call.on('end', () => finish(undefined));
    return {
      send: (event) => {
        if (closed) return false;
        if (inFlight >= MAX_UNACKED_WRITES) return false;
        inFlight++;
        call.write(event, () => inFlight--);
        return true;
      },
      end: () => {
        if (closed) return;
        call.end();
      },
    };
  }

  close(): void {
    this.client.close();
  }
}
