import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

export { grpc };

export const PROTO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../proto');

const PROTO_FILES = [
  'voicebot/v1/common.proto',
  'voicebot/v1/call_session.proto',
  'voicebot/v1/dialogue.proto',
  'voicebot/v1/dialer.proto',
  'grpc/health/v1/health.proto',
];

/** Loader options shared by servers, clients and the generated types (keep in sync with proto:gen). */
export const PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

let cached: grpc.GrpcObject | undefined;

export function loadProtos(): grpc.GrpcObject {
  if (!cached) {
    const definition = protoLoader.loadSync(PROTO_FILES, PROTO_LOADER_OPTIONS);
    cached = grpc.loadPackageDefinition(definition);
  }
  return cached;
}

type ServiceCtor = grpc.ServiceClientConstructor;

export function voicebotService(name: 'CallSessionService' | 'DialogueService' | 'DialerService'): ServiceCtor {
  const pkg = (loadProtos().voicebot as grpc.GrpcObject).v1 as grpc.GrpcObject;
  return pkg[name] as ServiceCtor;
}

function healthService(): ServiceCtor {
  const health = ((loadProtos().grpc as grpc.GrpcObject).health as grpc.GrpcObject).v1 as grpc.GrpcObject;
  return health.Health as ServiceCtor;
}

export type ServingStatus = 'SERVING' | 'NOT_SERVING';

/** grpc.health.v1.Health for a server; `set` flips the overall status (e.g. on drain). */
export class HealthService {
  private status: ServingStatus = 'NOT_SERVING';
  private readonly watchers = new Set<grpc.ServerWritableStream<unknown, unknown>>();

  set(status: ServingStatus): void {
    this.status = status;
    for (const w of this.watchers) w.write({ status });
  }

  addTo(server: grpc.Server): void {
    server.addService(healthService().service, {
      Check: (call: grpc.ServerUnaryCall<{ service: string }, unknown>, cb: grpc.sendUnaryData<unknown>) => {
        if (call.request.service && !call.request.service.startsWith('voicebot.v1.')) {
          cb({ code: grpc.status.NOT_FOUND, details: `unknown service ${call.request.service}` });
          return;
        }
        cb(null, { status: this.status });
      },
      Watch: (call: grpc.ServerWritableStream<{ service: string }, unknown>) => {
        this.watchers.add(call);
        call.write({ status: this.status });
        call.on('cancelled', () => this.watchers.delete(call));
        call.on('close', () => this.watchers.delete(call));
      },
    });
  }
}

export async function bindServer(server: grpc.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });
}

/** Client channel options: keepalive so idle long-lived streams survive NATs and LB timeouts. */
export const CLIENT_OPTIONS: grpc.ChannelOptions = {
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
};

export const SERVER_OPTIONS: grpc.ChannelOptions = {
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.http2.min_ping_interval_without_data_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 1,
};

export function deadline(ms: number): grpc.Deadline {
  return new Date(Date.now() + ms);
}

/** A gRPC error with a status and a human message. */
export function grpcError(code: grpc.status, details: string): grpc.ServiceError {
  const err = new Error(details) as grpc.ServiceError;
  err.code = code;
  err.details = details;
  err.metadata = new grpc.Metadata();
  return err;
}

/** Promisify a unary client call with a deadline. */
export function unary<Req, Res>(client: grpc.Client, method: string, request: Req, timeoutMs = 5000): Promise<Res> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, Function>)[method];
    if (!fn) {
      reject(new Error(`no such rpc ${method}`));
      return;
    }
    fn.call(client, request, { deadline: deadline(timeoutMs) }, (err: grpc.ServiceError | null, res: Res) =>
      err ? reject(err) : resolve(res),
    );
  });
}
