import { CLIENT_OPTIONS, grpc, unary, voicebotService } from '@voicebot/common';
import type { AddDoNotCallRequest } from '@voicebot/common/generated/voicebot/v1/AddDoNotCallRequest';
import type { CallOutcomeReport } from '@voicebot/common/generated/voicebot/v1/CallOutcomeReport';

/** The two dialer calls the dialogue service makes; an interface so the outbox is tested without sockets. */
export interface DialerPort {
  addDoNotCall(req: AddDoNotCallRequest): Promise<void>;
  reportCallOutcome(req: CallOutcomeReport): Promise<void>;
  close(): void;
}

export function createDialerClient(address: string, timeoutMs: number): DialerPort {
  const Ctor = voicebotService('DialerService');
  const client = new Ctor(address, grpc.credentials.createInsecure(), CLIENT_OPTIONS);
  return {
    addDoNotCall: async (req) => {
      await unary(client, 'AddDoNotCall', req, timeoutMs);
    },
    reportCallOutcome: async (req) => {
      await unary(client, 'ReportCallOutcome', req, timeoutMs);
    },
    close: () => client.close(),
  };
}
