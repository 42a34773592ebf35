import { SERVER_OPTIONS, bindServer, grpc, voicebotService } from '@voicebot/common';
import type { DialogueCommand } from '@voicebot/common/generated/voicebot/v1/DialogueCommand';
import type { MediaEvent__Output } from '@voicebot/common/generated/voicebot/v1/MediaEvent';

/**
 * A real gRPC CallSessionService for tests and benches: records every event per call and lets
 * the test (or a scripted policy) answer with commands.
 */
export interface FakeCall {
  callId: string;
  events: MediaEvent__Output[];
  send(command: Omit<DialogueCommand, 'call_id' | 'seq'>): void;
  end(): void;
  ended: boolean;
}

export class FakeDialogue {
  readonly calls = new Map<string, FakeCall>();
  private server = new grpc.Server(SERVER_OPTIONS);
  port = 0;
  onEvent: (call: FakeCall, event: MediaEvent__Output) => void = () => {};

  async start(): Promise<void> {
    this.server.addService(voicebotService('CallSessionService').service, {
      Converse: (stream: grpc.ServerDuplexStream<MediaEvent__Output, DialogueCommand>) => {
        let call: FakeCall | undefined;
        let seq = 0;
        stream.on('data', (ev: MediaEvent__Output) => {
          if (!call) {
            call = {
              callId: ev.call_id,
              events: [],
              ended: false,
              send: (cmd) => {
                if (!call!.ended) stream.write({ call_id: ev.call_id, seq: ++seq, ...cmd });
              },
              end: () => {
                if (call!.ended) return;
                call!.ended = true;
                stream.end();
              },
            };
            this.calls.set(ev.call_id, call);
          }
          call.events.push(ev);
          this.onEvent(call, ev);
        });
        stream.on('end', () => call?.end());
        stream.on('error', () => {
          if (call) call.ended = true;
        });
      },
    });
    this.port = await bindServer(this.server, '127.0.0.1', 0);
  }

  async waitFor(callId: string, event: NonNullable<MediaEvent__Output['event']>, timeoutMs = 20_000): Promise<MediaEvent__Output> {
    const t0 = Date.now();
    for (;;) {
      const found = this.calls.get(callId)?.events.find((e) => e.event === event);
      if (found) return found;
      if (Date.now() - t0 > timeoutMs) throw new Error(`no ${event} for ${callId}; got ${this.calls.get(callId)?.events.map((e) => e.event).join(',') ?? 'no call'}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  stop(): Promise<void> {
    this.server.forceShutdown();
    return Promise.resolve();
  }
}
