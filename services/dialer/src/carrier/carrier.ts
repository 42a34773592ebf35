/** One originate interface for every carrier adapter (Twilio-compatible REST, the simulator, Asterisk ARI). */
export interface OriginateRequest {
  /** Our call id: the idempotency key, also carried into the media stream. */
  callId: string;
  campaignId: string;
  leadId: string;
  scriptId: string;
  to: string;
  from: string;
  /** Seconds to ring before giving up. */
  timeoutS: number;
}

export interface CarrierCallStatus {
  status: string;
  answeredBy: string;
  durationS: number | null;
}

/** `definitive`: the carrier surely did not place the call (a 4xx); otherwise it may have. */
export class CarrierError extends Error {
  constructor(
    message: string,
    readonly definitive: boolean,
  ) {
    super(message);
    this.name = 'CarrierError';
  }
}

export interface CarrierAdapter {
  readonly name: string;
  originate(req: OriginateRequest): Promise<{ sid: string }>;
  /** Play the campaign's identification message on a live call, then hang up (abandoned call). */
  playAndHangup(sid: string, scriptId: string, promptId: string): Promise<void>;
  /** End a live call. */
  hangup(sid: string): Promise<void>;
  /** The carrier's view of a call, for reconciliation after a restart; null when unknown. */
  fetchStatus(sid: string): Promise<CarrierCallStatus | null>;
}
