// Original file: /work/main/proto/grpc/health/v1/health.proto


export interface HealthCheckRequest {
  /**
   * Service name; "" asks about the server as a whole.
   */
  'service'?: (string);
}

export interface HealthCheckRequest__Output {
  /**
   * Service name; "" asks about the server as a whole.
   */
  'service': (string);
}
