import { grpc, VoicebotError } from '@voicebot/common';

/** The dialer's error catalogue: code → gRPC status and whether a client may retry. */
export const DIALER_ERRORS = {
  DIALER_ERR_INVALID_CAMPAIGN: { status: grpc.status.INVALID_ARGUMENT, retryable: false },
  DIALER_ERR_INVALID_ARGUMENT: { status: grpc.status.INVALID_ARGUMENT, retryable: false },
  DIALER_ERR_CAMPAIGN_NOT_FOUND: { status: grpc.status.NOT_FOUND, retryable: false },
  DIALER_ERR_CAMPAIGN_EXISTS: { status: grpc.status.ALREADY_EXISTS, retryable: false },
  DIALER_ERR_BAD_STATE: { status: grpc.status.FAILED_PRECONDITION, retryable: false },
  DIALER_ERR_NO_LEADS: { status: grpc.status.FAILED_PRECONDITION, retryable: false },
} as const;

export type DialerErrorCode = keyof typeof DIALER_ERRORS;

export function dialerError(code: DialerErrorCode, message: string): VoicebotError {
  const { status, retryable } = DIALER_ERRORS[code];
  return new VoicebotError(code, message, status, retryable);
}
