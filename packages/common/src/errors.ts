import { grpc, grpcError } from './grpc.ts';

/**
 * Error catalogue: every code the services raise, with its gRPC status and whether a client may
 * retry. Services add their codes here so the README/catalogue test sees them all.
 */
export const ERRORS = {
  COMMON_ERR_INVALID_ARGUMENT: { status: grpc.status.INVALID_ARGUMENT, retryable: false },
  COMMON_ERR_NOT_FOUND: { status: grpc.status.NOT_FOUND, retryable: false },
  COMMON_ERR_UNAVAILABLE: { status: grpc.status.UNAVAILABLE, retryable: true },
  COMMON_ERR_DRAINING: { status: grpc.status.UNAVAILABLE, retryable: true },
} as const satisfies Record<string, { status: grpc.status; retryable: boolean }>;

export type ErrorCode = keyof typeof ERRORS;

export class VoicebotError extends Error {
  readonly status: grpc.status;
  readonly retryable: boolean;
  constructor(readonly code: ErrorCode | string, message: string, status?: grpc.status, retryable?: boolean) {
    super(`${code}: ${message}`);
    this.name = 'VoicebotError';
    const known = (ERRORS as Record<string, { status: grpc.status; retryable: boolean }>)[code];
    this.status = status ?? known?.status ?? grpc.status.INTERNAL;
    this.retryable = retryable ?? known?.retryable ?? false;
  }

  toGrpc(): grpc.ServiceError {
    return grpcError(this.status, this.message);
  }
}

/** Map any thrown value to a gRPC error for a callback. */
export function toGrpcError(err: unknown): grpc.ServiceError {
  if (err instanceof VoicebotError) return err.toGrpc();
  return grpcError(grpc.status.INTERNAL, err instanceof Error ? err.message : String(err));
}
