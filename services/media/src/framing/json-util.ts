/** Small readers for untrusted JSON: never throw, return undefined for the wrong type. */

export type Json = Record<string, unknown>;

export function parseJson(text: string): Json | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

export function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function stringRecord(v: unknown): Record<string, string> {
  const o = obj(v);
  const out: Record<string, string> = {};
  if (!o) return out;
  for (const [k, val] of Object.entries(o)) {
    const s = str(val);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 → bytes, or undefined for anything that is not base64. */
export function base64Bytes(v: unknown, maxBytes: number): Uint8Array | undefined {
  if (typeof v !== 'string' || v.length % 4 !== 0 || v.length > ((maxBytes + 2) / 3) * 4 + 4 || !BASE64.test(v)) return undefined;
  const buf = Buffer.from(v, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export function textOf(message: string | Uint8Array): string {
  return typeof message === 'string' ? message : Buffer.from(message.buffer, message.byteOffset, message.byteLength).toString('utf8');
}
